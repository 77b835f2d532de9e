//! Files in S3-compatible object storage (AWS S3, MinIO, Ceph, Garage), for
//! installations with several nodes that must see the same files.
//!
//! Objects live under the same `ab/cd/<sha256>` key as in the local folder,
//! after an optional prefix. Since the key is the hash of the content, a PUT
//! is idempotent: [`S3FileStore`] first asks with HEAD whether the object is
//! already there and uploads only when it is not. Requests are signed with
//! AWS Signature Version 4 ([`Signer`]), written here with `hmac` and `sha2`
//! and checked against the examples AWS publishes. The HTTP client is hyper's
//! (already in the tree through axum), with rustls (ring, the Mozilla roots
//! compiled in) for `https://` endpoints.

use crate::documents::{FileFuture, FileStore, is_sha256, sha256_hex};
use axum::body::Bytes;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Method, Request, StatusCode, Uri, header};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

/// The SHA-256 of an empty payload, lower-case hex.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The largest object read back (files are at most 20 MiB; this leaves room).
const MAX_OBJECT_BYTES: usize = 64 * 1024 * 1024;

/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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

/// What a signature covers: one request in the parts SigV4 reads.
#[derive(Debug, Clone)]
pub struct CanonicalRequest<'a> {
    /// `GET`, `PUT`, `HEAD`…
    pub method: &'a str,
    /// The path as sent, already URI-encoded (see [`uri_encode`]).
    pub path: &'a str,
    /// Query parameters, not encoded.
    pub query: &'a [(&'a str, &'a str)],
    /// The headers to sign (names in any case; `host` and `x-amz-date` among them).
    pub headers: &'a [(&'a str, &'a str)],
    /// The hex SHA-256 of the payload (also sent as `x-amz-content-sha256`).
    pub payload_hash: &'a str,
}

impl CanonicalRequest<'_> {
    /// The signed header names: lower-case, sorted, without repeats.
    fn sorted_headers(&self) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut sorted: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                (name.to_ascii_lowercase(), value)
            })
            .collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, value) in sorted {
            match headers.last_mut() {
                Some(last) if last.0 == name => {
                    last.1.push(',');
                    last.1.push_str(&value);
                }
                _ => headers.push((name, value)),
            }
        }
        headers
    }

    /// `SignedHeaders`: the lower-case names joined by `;`.
    pub fn signed_headers(&self) -> String {
        self.sorted_headers()
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The canonical request text.
    pub fn text(&self) -> String {
        let mut query: Vec<(String, String)> = self
            .query
            .iter()
            .map(|(k, v)| (uri_encode(k, true), uri_encode(v, true)))
            .collect();
        query.sort();
        let query = query
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let headers = self.sorted_headers();
        let mut canonical_headers = String::new();
        for (name, value) in &headers {
            canonical_headers.push_str(name);
            canonical_headers.push(':');
            canonical_headers.push_str(value);
            canonical_headers.push('\n');
        }
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            self.method,
            self.path,
            query,
            canonical_headers,
            self.signed_headers(),
            self.payload_hash
        )
    }
}

/// Encodes text the way SigV4 wants: everything but `A-Z a-z 0-9 - _ . ~`
/// as `%XX` (upper-case hex), and `/` too unless `encode_slash` is false.
pub fn uri_encode(text: &str, encode_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (byte == b'/' && !encode_slash);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Signs requests for one region and service with one key pair (SigV4).
#[derive(Debug, Clone)]
pub struct Signer {
    pub credentials: Credentials,
    pub region: String,
    pub service: String,
}

impl Signer {
    /// A signer for S3 in a region.
    pub fn s3(credentials: Credentials, region: &str) -> Signer {
        Signer {
            credentials,
            region: region.to_string(),
            service: "s3".into(),
        }
    }

    /// `<date>/<region>/<service>/aws4_request` for an `x-amz-date` (`YYYYMMDDTHHMMSSZ`).
    fn scope(&self, amz_date: &str) -> String {
        let day = amz_date.get(..8).unwrap_or(amz_date);
        format!("{day}/{}/{}/aws4_request", self.region, self.service)
    }

    /// The string to sign for a request made at `amz_date`.
    pub fn string_to_sign(&self, amz_date: &str, request: &CanonicalRequest<'_>) -> String {
        format!(
            "AWS4-HMAC-SHA256\n{amz_date}\n{}\n{}",
            self.scope(amz_date),
            hex::encode(Sha256::digest(request.text().as_bytes()))
        )
    }

    /// The hex signature of a request made at `amz_date`.
    pub fn signature(&self, amz_date: &str, request: &CanonicalRequest<'_>) -> String {
        let day = amz_date.get(..8).unwrap_or(amz_date);
        let secret = format!("AWS4{}", self.credentials.secret_access_key);
        let key = hmac(secret.as_bytes(), day.as_bytes());
        let key = hmac(&key, self.region.as_bytes());
        let key = hmac(&key, self.service.as_bytes());
        let key = hmac(&key, b"aws4_request");
        hex::encode(hmac(
            &key,
            self.string_to_sign(amz_date, request).as_bytes(),
        ))
    }

    /// The `Authorization` header of a request made at `amz_date`.
    pub fn authorization(&self, amz_date: &str, request: &CanonicalRequest<'_>) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{},SignedHeaders={},Signature={}",
            self.credentials.access_key_id,
            self.scope(amz_date),
            request.signed_headers(),
            self.signature(amz_date, request)
        )
    }
}

/// The current time as `x-amz-date` wants it: `YYYYMMDDTHHMMSSZ`.
pub fn amz_date_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
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

type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;

/// Files kept in an S3 bucket under `<prefix>ab/cd/<sha256>`.
#[derive(Clone)]
pub struct S3FileStore {
    settings: S3Settings,
    signer: Signer,
    client: HttpsClient,
    /// `http` or `https`.
    scheme: String,
    /// The `Host` header (and the authority of the URL).
    host: String,
    /// The path before the key: `/{bucket}/` (path style) or `/`.
    base_path: String,
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

/// What one exchange with the service gave.
struct Reply {
    status: StatusCode,
    headers: hyper::HeaderMap,
    body: Bytes,
}

impl S3FileStore {
    /// A store for these settings; an error names what is wrong with them.
    pub fn new(settings: S3Settings) -> anyhow::Result<S3FileStore> {
        let uri: Uri = settings
            .endpoint
            .parse()
            .map_err(|e| anyhow::anyhow!("s3_endpoint {:?}: {e}", settings.endpoint))?;
        let scheme = match uri.scheme_str() {
            Some("http") => "http",
            Some("https") => "https",
            _ => anyhow::bail!("s3_endpoint must start with http:// or https://"),
        };
        let authority = uri
            .authority()
            .ok_or_else(|| anyhow::anyhow!("s3_endpoint has no host"))?
            .as_str();
        if authority.contains('@') {
            anyhow::bail!("s3_endpoint must not carry credentials (use the access key options)");
        }
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            anyhow::bail!("s3_endpoint must be only scheme, host and port (no path)");
        }
        let bucket = settings.bucket.trim();
        if bucket.is_empty() || bucket.contains('/') {
            anyhow::bail!("s3_bucket must be a bucket name");
        }
        if settings.region.trim().is_empty() {
            anyhow::bail!("s3_region must not be empty");
        }
        let (host, base_path) = if settings.virtual_hosted {
            (format!("{bucket}.{authority}"), "/".to_string())
        } else {
            (
                authority.to_string(),
                format!("/{}/", uri_encode(bucket, true)),
            )
        };
        let prefix = settings.prefix.trim_matches('/');
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}/")
        };
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("TLS setup: {e}"))?
        .with_root_certificates(rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        })
        .with_no_client_auth();
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(CONNECT_TIMEOUT));
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(https);
        Ok(S3FileStore {
            signer: Signer::s3(settings.credentials.clone(), settings.region.trim()),
            settings,
            client,
            scheme: scheme.to_string(),
            host,
            base_path,
            prefix,
        })
    }

    /// The object key of a hash: `<prefix>ab/cd/<sha256>`.
    pub fn key_of(&self, sha256: &str) -> String {
        format!(
            "{}{}/{}/{sha256}",
            self.prefix,
            &sha256[0..2],
            &sha256[2..4]
        )
    }

    /// Sends one signed request for an object and reads the whole answer.
    async fn exchange(
        &self,
        method: Method,
        key: &str,
        body: Bytes,
        payload_hash: &str,
        extra: &[(&str, &str)],
    ) -> io::Result<Reply> {
        let path = format!("{}{}", self.base_path, uri_encode(key, false));
        let amz_date = amz_date_now();
        let mut headers: Vec<(&str, &str)> = vec![
            ("host", &self.host),
            ("x-amz-content-sha256", payload_hash),
            ("x-amz-date", &amz_date),
        ];
        headers.extend_from_slice(extra);
        let canonical = CanonicalRequest {
            method: method.as_str(),
            path: &path,
            query: &[],
            headers: &headers,
            payload_hash,
        };
        let authorization = self.signer.authorization(&amz_date, &canonical);
        let mut request = Request::builder()
            .method(method.clone())
            .uri(format!("{}://{}{path}", self.scheme, self.host));
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        if method == Method::PUT {
            request = request.header(header::CONTENT_LENGTH, body.len());
        }
        let request = request
            .header(header::AUTHORIZATION, authorization)
            .body(Full::new(body))
            .map_err(|e| self.failure(&method, key, &e))?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| self.failure(&method, key, &error_chain(&e)))?;
            let (parts, body) = response.into_parts();
            let body = Limited::new(body, MAX_OBJECT_BYTES)
                .collect()
                .await
                .map_err(|e| self.failure(&method, key, &e))?
                .to_bytes();
            Ok(Reply {
                status: parts.status,
                headers: parts.headers,
                body,
            })
        };
        match tokio::time::timeout(self.settings.timeout, exchange).await {
            Ok(reply) => reply,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "S3 {method} {key}: no answer from {} within {} s",
                    self.settings.endpoint,
                    self.settings.timeout.as_secs()
                ),
            )),
        }
    }

    /// An error for a request that did not get an answer.
    fn failure(&self, method: &Method, key: &str, cause: &dyn fmt::Display) -> io::Error {
        io::Error::other(format!(
            "S3 {method} {key} at {}: {cause}",
            self.settings.endpoint
        ))
    }

    /// An error for an answer the store cannot use, with the service's code.
    fn refused(&self, method: &Method, key: &str, reply: &Reply) -> io::Error {
        let text = String::from_utf8_lossy(&reply.body);
        // HEAD answers have no body; say what the status usually means.
        let code = xml_element(&text, "Code").unwrap_or_else(|| {
            match reply.status {
                StatusCode::FORBIDDEN => "(check the access key, the secret and the region)",
                StatusCode::MOVED_PERMANENTLY | StatusCode::BAD_REQUEST => {
                    "(check the region and the addressing style)"
                }
                _ => "",
            }
            .to_string()
        });
        let message = xml_element(&text, "Message").unwrap_or_default();
        io::Error::other(format!(
            "S3 {method} {key} at {} (bucket {}): HTTP {} {code} {message}",
            self.settings.endpoint, self.settings.bucket, reply.status
        ))
    }
}

/// The text of the first `<name>…</name>` in an S3 error document.
fn xml_element(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    Some(xml[start..end].trim().to_string())
}

/// An error with its causes, which hyper keeps in `source()`.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl FileStore for S3FileStore {
    fn put(&self, bytes: Bytes) -> FileFuture<'_, String> {
        Box::pin(async move {
            let hashed = bytes.clone();
            let (sha256, md5) = tokio::task::spawn_blocking(move || {
                let md5 = base64::engine::general_purpose::STANDARD
                    .encode(<md5::Md5 as md5::Digest>::digest(&hashed));
                (sha256_hex(&hashed), md5)
            })
            .await
            .map_err(io::Error::other)?;
            let key = self.key_of(&sha256);
            let head = self
                .exchange(Method::HEAD, &key, Bytes::new(), EMPTY_SHA256, &[])
                .await?;
            let same_length = head
                .headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok())
                == Some(bytes.len());
            match head.status {
                status if status.is_success() && same_length => return Ok(sha256),
                status if status.is_success() || status == StatusCode::NOT_FOUND => {}
                _ => return Err(self.refused(&Method::HEAD, &key, &head)),
            }
            let put = self
                .exchange(
                    Method::PUT,
                    &key,
                    bytes,
                    &sha256,
                    &[
                        ("content-md5", &md5),
                        ("content-type", "application/octet-stream"),
                    ],
                )
                .await?;
            if !put.status.is_success() {
                return Err(self.refused(&Method::PUT, &key, &put));
            }
            Ok(sha256)
        })
    }

    fn get<'a>(&'a self, sha256: &'a str) -> FileFuture<'a, Vec<u8>> {
        Box::pin(async move {
            if !is_sha256(sha256) {
                return Err(io::Error::new(io::ErrorKind::NotFound, "not a SHA-256"));
            }
            let key = self.key_of(sha256);
            let reply = self
                .exchange(Method::GET, &key, Bytes::new(), EMPTY_SHA256, &[])
                .await?;
            if reply.status == StatusCode::NOT_FOUND {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("S3 object {key} not found"),
                ));
            }
            if !reply.status.is_success() {
                return Err(self.refused(&Method::GET, &key, &reply));
            }
            let body = reply.body;
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

    /// The key pair of AWS's Signature Version 4 examples for S3.
    fn example_signer() -> Signer {
        Signer::s3(
            Credentials {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            },
            "us-east-1",
        )
    }

    const EXAMPLE_DATE: &str = "20130524T000000Z";

    /// "Example: GET Object" of the S3 SigV4 header-based authentication docs.
    #[test]
    fn aws_get_object_example() {
        let request = CanonicalRequest {
            method: "GET",
            path: "/test.txt",
            query: &[],
            headers: &[
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", EXAMPLE_DATE),
            ],
            payload_hash: EMPTY_SHA256,
        };
        let signer = example_signer();
        assert_eq!(
            hex::encode(Sha256::digest(request.text().as_bytes())),
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"
        );
        assert_eq!(
            signer.signature(EXAMPLE_DATE, &request),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
        assert_eq!(
            signer.authorization(EXAMPLE_DATE, &request),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    /// "Example: PUT Object": a key with `$`, a `Date` header, a storage class and a body.
    #[test]
    fn aws_put_object_example() {
        let payload_hash = sha256_hex(b"Welcome to Amazon S3.");
        assert_eq!(
            payload_hash,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
        let path = format!("/{}", uri_encode("test$file.text", false));
        assert_eq!(path, "/test%24file.text");
        let request = CanonicalRequest {
            method: "PUT",
            path: &path,
            query: &[],
            headers: &[
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                ("x-amz-date", EXAMPLE_DATE),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("x-amz-content-sha256", &payload_hash),
            ],
            payload_hash: &payload_hash,
        };
        assert_eq!(
            request.signed_headers(),
            "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class"
        );
        assert_eq!(
            example_signer().signature(EXAMPLE_DATE, &request),
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
        );
    }

    /// "Example: GET Bucket Lifecycle" and "GET Bucket (List Objects)": query strings.
    #[test]
    fn aws_query_examples() {
        let lifecycle = CanonicalRequest {
            method: "GET",
            path: "/",
            query: &[("lifecycle", "")],
            headers: &[
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", EXAMPLE_DATE),
            ],
            payload_hash: EMPTY_SHA256,
        };
        assert_eq!(
            example_signer().signature(EXAMPLE_DATE, &lifecycle),
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"
        );
        let list = CanonicalRequest {
            query: &[("prefix", "J"), ("max-keys", "2")],
            ..lifecycle
        };
        assert_eq!(
            example_signer().signature(EXAMPLE_DATE, &list),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
        );
    }

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
        assert_eq!(store.host, "127.0.0.1:9000");
        assert_eq!(store.base_path, "/files/");
        let virtual_hosted = S3FileStore::new(S3Settings {
            virtual_hosted: true,
            ..settings("https://s3.example.org")
        })
        .unwrap();
        assert_eq!(virtual_hosted.host, "files.s3.example.org");
        assert_eq!(virtual_hosted.base_path, "/");
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

    #[test]
    fn service_errors_are_read() {
        let xml = "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>";
        assert_eq!(
            xml_element(xml, "Code").as_deref(),
            Some("SignatureDoesNotMatch")
        );
        assert_eq!(xml_element(xml, "Missing"), None);
    }
}
