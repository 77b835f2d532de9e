//! The content-addressed file store: the bytes of uploaded files, kept under
//! the SHA-256 of their content (`ab/cd/<sha256>`), in a local folder
//! ([`LocalFileStore`]) or in S3-compatible object storage ([`S3FileStore`],
//! through the `object_store` crate).
//!
//! Since the key is the hash of the content, the same file uploaded twice is
//! stored once, a write of an existing key is harmless, and a stored file can
//! never change under its name.

mod local;
mod s3;

pub use local::LocalFileStore;
pub use s3::{Credentials, DEFAULT_TIMEOUT, S3FileStore, S3Settings};

use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

/// What file-store operations return.
pub type FileFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// Where the bytes of uploaded files live, addressed by their SHA-256 (lower-case hex).
///
/// The local folder ([`LocalFileStore`]) suits one node; installations with
/// several nodes keep files in S3-compatible object storage
/// ([`S3FileStore`]) under the same `ab/cd/<sha256>` key (a write of an
/// existing key is harmless, since the key is the content's hash).
/// [`FileStoreConfig::open`] picks one from the configuration.
pub trait FileStore: Send + Sync {
    /// Stores bytes (once, however often they are put) and returns their SHA-256.
    fn put(&self, bytes: Bytes) -> FileFuture<'_, String>;
    /// The bytes stored under a SHA-256; an error of kind `NotFound` when there are none.
    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>>;
}

/// Which file store an installation uses.
#[derive(Debug, Clone, Default)]
pub enum FileStoreConfig {
    /// The folder `files/` in the data directory.
    #[default]
    Local,
    /// An S3-compatible bucket; the store (with its connection pool) is made
    /// once at start-up and shared.
    S3(Arc<S3FileStore>),
}

impl FileStoreConfig {
    /// The store this configuration names; `data_dir` is the installation's
    /// data directory (the local store keeps files in its `files/` folder).
    pub fn open(&self, data_dir: &Path) -> Arc<dyn FileStore> {
        match self {
            FileStoreConfig::Local => Arc::new(LocalFileStore::new(data_dir.join("files"))),
            FileStoreConfig::S3(store) => store.clone(),
        }
    }
}

/// The SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// True for a 64-character lower-case hex string.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The relative key of a hash: `ab/cd/<sha256>` (the hash must be checked first).
pub fn key_of(sha256: &str) -> String {
    format!("{}/{}/{sha256}", &sha256[0..2], &sha256[2..4])
}
