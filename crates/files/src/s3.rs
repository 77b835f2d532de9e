//! Files in S3-compatible object storage (AWS S3, MinIO, Ceph, Garage), for
//! installations with several nodes that must see the same files.
//!
//! Objects live under the same `ab/cd/<sha256>` key as in the local folder,
//! after an optional prefix. Since the key is the hash of the content, a PUT
//! is idempotent: [`S3FileStore`] first asks with HEAD whether the object is
//! already there and uploads only when it is not.
//!
//! The requests are made and signed (AWS Signature Version 4) by the
//! `object_store` crate, built without `aws-lc-rs`: request signing uses
//! `ring`, and TLS for `https://` endpoints is rustls with the process-wide
//! ring provider (installed by [`S3FileStore::new`]) and the Mozilla roots
//! compiled in (nothing is read or downloaded at run time).

use crate::{FileFuture, FileStore, is_sha256, key_of, sha256_hex};
use bytes::Bytes;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::client::{HttpError, HttpErrorKind};
use object_store::path::Path as ObjectPath;
use object_store::{
    BackoffConfig, Certificate, ClientOptions, ObjectStoreExt as _, PutPayload, RetryConfig,
};
use std::fmt;
use std::io;
use std::time::Duration;

/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How often a request that met a network error or a 5xx answer is tried again.
const MAX_RETRIES: usize = 2;

/// How long one request may take by default, from sending to the last byte read.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// An access key pair. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .finish()
    }
}

/// Where and how to reach the bucket. `Debug` never shows the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// `http://host:port` or `https://host` of the service.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    /// Put before every key (`accord/` gives `accord/ab/cd/<sha256>`); may be empty.
    pub prefix: String,
    pub credentials: Credentials,
    /// Address the bucket as `{bucket}.{host}` instead of `{endpoint}/{bucket}`.
    pub virtual_hosted: bool,
    /// How long one request may take.
    pub timeout: Duration,
}

/// Files kept in an S3 bucket under `<prefix>ab/cd/<sha256>`.
#[derive(Clone)]
pub struct S3FileStore {
    settings: S3Settings,
    store: AmazonS3,
    /// The URL the bucket is addressed at: `{endpoint}/{bucket}` (path style)
    /// or `{scheme}://{bucket}.{host}` (virtual-hosted style).
    bucket_url: String,
    /// `accord/` or empty.
    prefix: String,
}

impl fmt::Debug for S3FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3FileStore")
            .field("endpoint", &self.settings.endpoint)
            .field("bucket", &self.settings.bucket)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Makes rustls' ring provider the process default (once; a provider already
/// installed stays). The TLS client of `object_store` is built without a
/// provider of its own, so that `aws-lc-rs` is not compiled in.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The Mozilla root certificates, compiled in.
fn root_certificates() -> anyhow::Result<Vec<Certificate>> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| {
            Certificate::from_der(der.as_ref())
                .map_err(|e| anyhow::anyhow!("TLS root certificate: {e}"))
        })
        .collect()
}

/// The scheme and `host[:port]` of an endpoint, checked: an error names what is wrong.
fn parse_endpoint(endpoint: &str) -> anyhow::Result<(&'static str, &str)> {
    let (scheme, rest) = if let Some(rest) = endpoint.strip_prefix("http://") {
        ("http", rest)
    } else if let Some(rest) = endpoint.strip_prefix("https://") {
        ("https", rest)
    } else {
        anyhow::bail!("s3_endpoint must start with http:// or https://");
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() {
        anyhow::bail!("s3_endpoint has no host");
    }
    if authority.contains('@') {
        anyhow::bail!("s3_endpoint must not carry credentials (use the access key options)");
    }
    if authority.contains(['/', '?', '#']) {
        anyhow::bail!("s3_endpoint must be only scheme, host and port (no path)");
    }
    if authority.contains(char::is_whitespace) {
        anyhow::bail!("s3_endpoint {endpoint:?} is not a URL");
    }
    Ok((scheme, authority))
}

impl S3FileStore {
    /// A store for these settings; an error names what is wrong with them.
    pub fn new(settings: S3Settings) -> anyhow::Result<S3FileStore> {
        let (scheme, authority) = parse_endpoint(settings.endpoint.trim())?;
        let bucket = settings.bucket.trim();
        if bucket.is_empty() || bucket.contains('/') {
            anyhow::bail!("s3_bucket must be a bucket name");
        }
        let region = settings.region.trim();
        if region.is_empty() {
            anyhow::bail!("s3_region must not be empty");
        }
        let bucket_url = if settings.virtual_hosted {
            format!("{scheme}://{bucket}.{authority}")
        } else {
            format!("{scheme}://{authority}/{bucket}")
        };
        let prefix = settings.prefix.trim_matches('/');
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}/")
        };
        install_crypto_provider();
        let mut client = ClientOptions::new()
            .with_allow_http(scheme == "http")
            .with_no_system_certificates(true)
            .with_connect_timeout(CONNECT_TIMEOUT)
            .with_timeout(settings.timeout)
            .with_pool_idle_timeout(Duration::from_secs(30))
            .with_default_content_type("application/octet-stream");
        for certificate in root_certificates()? {
            client = client.with_root_certificate(certificate);
        }
        let retry = RetryConfig {
            backoff: BackoffConfig::default(),
            max_retries: MAX_RETRIES,
            retry_timeout: settings.timeout,
        };
        let store = AmazonS3Builder::new()
            .with_endpoint(format!("{scheme}://{authority}"))
            .with_bucket_name(bucket)
            .with_region(region)
            .with_access_key_id(settings.credentials.access_key_id.trim())
            .with_secret_access_key(settings.credentials.secret_access_key.trim())
            .with_virtual_hosted_style_request(settings.virtual_hosted)
            .with_client_options(client)
            .with_retry(retry);
        // Virtual-hosted style: object_store takes the endpoint as the bucket's own address.
        let store = if settings.virtual_hosted {
            store.with_endpoint(bucket_url.clone())
        } else {
            store
        };
        let store = store
            .build()
            .map_err(|e| anyhow::anyhow!("S3 storage at {}: {e}", settings.endpoint))?;
        Ok(S3FileStore {
            settings,
            store,
            bucket_url,
            prefix,
        })
    }

    /// The object key of a hash: `<prefix>ab/cd/<sha256>`.
    pub fn key_of(&self, sha256: &str) -> String {
        format!("{}{}", self.prefix, key_of(sha256))
    }

    /// The URL the bucket is addressed at (path or virtual-hosted style).
    pub fn bucket_url(&self) -> &str {
        &self.bucket_url
    }

    /// Runs one operation on the bucket within the time limit.
    async fn within_time<T>(
        &self,
        operation: &str,
        key: &str,
        work: impl Future<Output = io::Result<T>>,
    ) -> io::Result<T> {
        match tokio::time::timeout(self.settings.timeout, work).await {
            Ok(result) => result,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "S3 {operation} {key}: no answer from {} within {} s",
                    self.settings.endpoint,
                    self.settings.timeout.as_secs_f32()
                ),
            )),
        }
    }

    /// An I/O error for a failed request: the operation, the object, the
    /// service and the cause (never a secret), with a hint for refusals.
    fn failure(&self, operation: &str, key: &str, error: object_store::Error) -> io::Error {
        let kind = match &error {
            object_store::Error::NotFound { .. } => io::ErrorKind::NotFound,
            _ if timed_out(&error) => io::ErrorKind::TimedOut,
            _ => io::ErrorKind::Other,
        };
        let hint = match &error {
            object_store::Error::PermissionDenied { .. }
            | object_store::Error::Unauthenticated { .. } => {
                " (check the access key, the secret and the region)"
            }
            _ => "",
        };
        io::Error::new(
            kind,
            format!(
                "S3 {operation} {key} at {} (bucket {}): {}{hint}",
                self.settings.endpoint,
                self.settings.bucket,
                error_chain(&error)
            ),
        )
    }
}

/// True when the HTTP client gave up waiting (the same time limit as
/// [`S3FileStore::within_time`], which may or may not have fired first).
fn timed_out(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(current) = cause {
        if let Some(http) = current.downcast_ref::<HttpError>()
            && matches!(http.kind(), HttpErrorKind::Timeout)
        {
            return true;
        }
        cause = current.source();
    }
    false
}

/// An error with its causes, which the HTTP client keeps in `source()`.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

impl FileStore for S3FileStore {
    fn put(&self, bytes: Bytes) -> FileFuture<'_, String> {
        Box::pin(async move {
            let hashed = bytes.clone();
            let sha256 = tokio::task::spawn_blocking(move || sha256_hex(&hashed))
                .await
                .map_err(io::Error::other)?;
            let key = self.key_of(&sha256);
            let location = ObjectPath::from(key.as_str());
            self.within_time("PUT", &key, async {
                match self.store.head(&location).await {
                    Ok(meta) if meta.size == bytes.len() as u64 => return Ok(()),
                    Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
                    Err(error) => return Err(self.failure("HEAD", &key, error)),
                }
                self.store
                    .put(&location, PutPayload::from_bytes(bytes))
                    .await
                    .map_err(|error| self.failure("PUT", &key, error))?;
                Ok(())
            })
            .await?;
            Ok(sha256)
        })
    }

    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>> {
        Box::pin(async move {
            if !is_sha256(sha256) {
                return Err(io::Error::new(io::ErrorKind::NotFound, "not a SHA-256"));
            }
            let key = self.key_of(sha256);
            let location = ObjectPath::from(key.as_str());
            let body = self
                .within_time("GET", &key, async {
                    let found = self
                        .store
                        .get(&location)
                        .await
                        .map_err(|error| self.failure("GET", &key, error))?;
                    found
                        .bytes()
                        .await
                        .map_err(|error| self.failure("GET", &key, error))
                })
                .await?;
            let check = body.clone();
            let actual = tokio::task::spawn_blocking(move || sha256_hex(&check))
                .await
                .map_err(io::Error::other)?;
            if actual != sha256 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("S3 object {key} does not hold the content of its hash"),
                ));
            }
            Ok(body.to_vec())
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn settings(endpoint: &str) -> S3Settings {
        S3Settings {
            endpoint: endpoint.into(),
            bucket: "files".into(),
            region: "us-east-1".into(),
            prefix: "/accord/".into(),
            credentials: Credentials {
                access_key_id: "id".into(),
                secret_access_key: "very-secret".into(),
            },
            virtual_hosted: false,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    #[tokio::test]
    async fn keys_addressing_and_bad_endpoints() {
        let store = S3FileStore::new(settings("http://127.0.0.1:9000/")).unwrap();
        let sha = sha256_hex(b"x");
        assert_eq!(
            store.key_of(&sha),
            format!("accord/{}/{}/{sha}", &sha[0..2], &sha[2..4])
        );
        assert_eq!(store.bucket_url(), "http://127.0.0.1:9000/files");
        let virtual_hosted = S3FileStore::new(S3Settings {
            virtual_hosted: true,
            ..settings("https://s3.example.org")
        })
        .unwrap();
        assert_eq!(virtual_hosted.bucket_url(), "https://files.s3.example.org");
        for bad in [
            "s3.example.org",
            "ftp://s3.example.org",
            "http://s3.example.org/path",
            "http://user:pw@s3.example.org",
        ] {
            assert!(S3FileStore::new(settings(bad)).is_err(), "{bad}");
        }
        assert!(!format!("{store:?}").contains("very-secret"));
        assert!(!format!("{:?}", settings("http://x")).contains("very-secret"));
    }
}
