//! Draft documents as the handlers see them: everything of `accord-documents`
//! (type sniffing, text extraction, redline, file names), the file store of
//! `accord-files`, and [`file_store`], which opens this installation's store.

use crate::WebConfig;
pub use accord_documents::*;
pub use accord_files::{FileStore, FileStoreConfig, LocalFileStore, is_sha256, sha256_hex};
use std::sync::Arc;

/// The file store of this installation.
pub fn file_store(config: &WebConfig) -> Arc<dyn FileStore> {
    config.file_store.open(&config.data_dir)
}
