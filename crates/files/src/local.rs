//! Files in a local folder: one node's store, `<root>/ab/cd/<sha256>`.

use crate::{FileFuture, FileStore, is_sha256, sha256_hex};
use bytes::Bytes;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Files in a local folder: `<root>/ab/cd/<sha256>`, written to a temporary
/// file in the same folder and renamed into place, so a reader never sees a
/// half-written file.
#[derive(Debug, Clone)]
pub struct LocalFileStore {
    root: PathBuf,
}

impl LocalFileStore {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Where the file with this hash lives (the hash must be checked first).
    fn path_of(&self, sha256: &str) -> PathBuf {
        self.root
            .join(&sha256[0..2])
            .join(&sha256[2..4])
            .join(sha256)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = path
        .parent()
        .ok_or_else(|| io::Error::other("file path without a folder"))?;
    std::fs::create_dir_all(folder)?;
    let temp = folder.join(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

impl FileStore for LocalFileStore {
    fn put(&self, bytes: Bytes) -> FileFuture<'_, String> {
        Box::pin(async move {
            let store = self.clone();
            tokio::task::spawn_blocking(move || {
                let sha256 = sha256_hex(&bytes);
                let path = store.path_of(&sha256);
                let present = std::fs::metadata(&path)
                    .map(|m| m.len() == bytes.len() as u64)
                    .unwrap_or(false);
                if !present {
                    write_atomically(&path, &bytes)?;
                }
                Ok(sha256)
            })
            .await
            .map_err(io::Error::other)?
        })
    }

    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>> {
        Box::pin(async move {
            if !is_sha256(sha256) {
                return Err(io::Error::new(io::ErrorKind::NotFound, "not a SHA-256"));
            }
            tokio::fs::read(self.path_of(sha256)).await
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[tokio::test]
    async fn local_store_keeps_files_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalFileStore::new(dir.path());
        let sha = store.put(Bytes::from_static(b"hello")).await.unwrap();
        assert_eq!(sha, sha256_hex(b"hello"));
        assert!(
            dir.path()
                .join(&sha[0..2])
                .join(&sha[2..4])
                .join(&sha)
                .exists()
        );
        assert_eq!(store.put(Bytes::from_static(b"hello")).await.unwrap(), sha);
        assert_eq!(store.get(&sha).await.unwrap(), b"hello");
        let missing = sha256_hex(b"other");
        assert_eq!(
            store.get(&missing).await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            store.get("../../x").await.unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }
}
