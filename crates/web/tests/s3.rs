//! Files in S3-compatible storage, against a small S3 server started inside
//! the test: it keeps objects in memory, checks every request's SigV4
//! signature (recomputed here with the secret, independently of the client
//! in `accord-files`) and payload hash, and answers as S3 does (`NoSuchKey`,
//! `SignatureDoesNotMatch`, `ETag` and `Last-Modified` on objects). The store puts, skips an
//! upload of content already there, reads back and reports failures; a draft
//! uploaded through the API goes to the bucket and comes back byte for byte;
//! a wrong secret, a dead service or a silent one is a clean 500.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use accord_domain::agreement::{Action, AgreementInput, AgreementStatus};
use accord_files::{Credentials, FileStore, FileStoreConfig, S3FileStore, S3Settings, sha256_hex};
use accord_store::agreements::{self, Agreement};
use accord_store::users::User;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use common::{Answer, TestApp};
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const ACCESS_KEY: &str = "ACCORDTESTKEY";
const SECRET: &str = "s3cr3t/for+the-fake/S3";
const BUCKET: &str = "accord-files";
const REGION: &str = "eu-central-1";

/// What the fake S3 server keeps and counts.
#[derive(Default)]
struct Bucket {
    objects: HashMap<String, Vec<u8>>,
    /// Method and path of every request that passed the signature check.
    requests: Vec<(String, String)>,
}

type Shared = Arc<Mutex<Bucket>>;

fn s3_error(status: StatusCode, code: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{code} (fake S3)</Message></Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// The SigV4 signature S3 expects for a request without a query string, made
/// at `amz_date` (`YYYYMMDDTHHMMSSZ`), signing `headers` (lower-case names,
/// values as received) with `secret`: AWS's published algorithm, step by step.
fn sigv4_signature(
    secret: &str,
    amz_date: &str,
    method: &Method,
    path: &str,
    headers: &[(&str, &str)],
    payload_hash: &str,
) -> String {
    let mut canonical_headers = String::new();
    for (name, value) in headers {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let signed_headers = headers
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request =
        format!("{method}\n{path}\n\n{canonical_headers}\n{signed_headers}\n{payload_hash}");
    let day = &amz_date[..8];
    let scope = format!("{day}/{REGION}/s3/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let key = hmac_sha256(format!("AWS4{secret}").as_bytes(), day.as_bytes());
    let key = hmac_sha256(&key, REGION.as_bytes());
    let key = hmac_sha256(&key, b"s3");
    let key = hmac_sha256(&key, b"aws4_request");
    hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()))
}

/// The parts of `AWS4-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
fn parse_authorization(value: &str) -> Option<(String, String, String)> {
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 ")?;
    let mut credential = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (name, value) = part.trim().split_once('=')?;
        match name {
            "Credential" => credential = Some(value.to_string()),
            "SignedHeaders" => signed = Some(value.to_string()),
            "Signature" => signature = Some(value.to_string()),
            _ => return None,
        }
    }
    Some((credential?, signed?, signature?))
}

/// Checks a request as S3 would; the status and S3 error code when it fails.
fn authenticate(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), (StatusCode, &'static str)> {
    let forbidden = |code| Err((StatusCode::FORBIDDEN, code));
    let Some(authorization) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return forbidden("AccessDenied");
    };
    let Some((credential, signed_headers, signature)) = parse_authorization(authorization) else {
        return forbidden("AuthorizationHeaderMalformed");
    };
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[0] != ACCESS_KEY {
        return forbidden("InvalidAccessKeyId");
    }
    if scope[2] != REGION || scope[3] != "s3" || scope[4] != "aws4_request" {
        return Err((StatusCode::BAD_REQUEST, "AuthorizationHeaderMalformed"));
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    for required in ["host", "x-amz-content-sha256", "x-amz-date"] {
        if !names.contains(&required) {
            return forbidden("AccessDenied");
        }
    }
    let mut values = Vec::new();
    for name in &names {
        let Some(value) = headers.get(*name).and_then(|v| v.to_str().ok()) else {
            return forbidden("AccessDenied");
        };
        values.push((*name, value));
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let amz_date = header("x-amz-date");
    if amz_date.len() != 16 || !amz_date.starts_with(scope[1]) {
        return forbidden("SignatureDoesNotMatch");
    }
    let payload_hash = header("x-amz-content-sha256");
    let expected = sigv4_signature(SECRET, amz_date, method, path, &values, payload_hash);
    if expected != signature {
        return forbidden("SignatureDoesNotMatch");
    }
    if payload_hash != sha256_hex(body) {
        return Err((StatusCode::BAD_REQUEST, "XAmzContentSHA256Mismatch"));
    }
    Ok(())
}

/// The `ETag` S3 gives an object (a quoted digest of its bytes).
fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(bytes)[..32])
}

/// The headers S3 sends with an object: its length, tag and date.
fn object_headers(bytes: &[u8]) -> [(header::HeaderName, String); 3] {
    [
        (header::CONTENT_LENGTH, bytes.len().to_string()),
        (header::ETAG, etag_of(bytes)),
        (
            header::LAST_MODIFIED,
            "Mon, 07 Dec 2026 10:00:00 GMT".to_string(),
        ),
    ]
}

async fn fake_s3(State(bucket): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024).await.unwrap();
    let path = parts.uri.path().to_string();
    if parts.uri.query().is_some() {
        return s3_error(StatusCode::NOT_IMPLEMENTED, "NotImplemented");
    }
    if let Err((status, code)) = authenticate(&parts.method, &path, &parts.headers, &body) {
        return s3_error(status, code);
    }
    let Some(key) = path.strip_prefix(&format!("/{BUCKET}/")) else {
        return s3_error(StatusCode::NOT_FOUND, "NoSuchBucket");
    };
    let key = key.to_string();
    let mut bucket = bucket.lock().unwrap();
    bucket
        .requests
        .push((parts.method.to_string(), key.clone()));
    match parts.method {
        Method::PUT => {
            let etag = etag_of(&body);
            bucket.objects.insert(key, body.to_vec());
            (StatusCode::OK, [(header::ETAG, etag)]).into_response()
        }
        Method::GET => match bucket.objects.get(&key) {
            Some(bytes) => (StatusCode::OK, object_headers(bytes), bytes.clone()).into_response(),
            None => s3_error(StatusCode::NOT_FOUND, "NoSuchKey"),
        },
        Method::HEAD => match bucket.objects.get(&key) {
            Some(bytes) => (StatusCode::OK, object_headers(bytes)).into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        _ => s3_error(StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowed"),
    }
}

/// Starts the fake S3 server; its endpoint and its bucket.
async fn start_fake_s3() -> (String, Shared) {
    let bucket = Shared::default();
    let app = Router::new().fallback(fake_s3).with_state(bucket.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}"), bucket)
}

fn settings(endpoint: &str, secret: &str) -> S3Settings {
    S3Settings {
        endpoint: endpoint.into(),
        bucket: BUCKET.into(),
        region: REGION.into(),
        prefix: "accord".into(),
        credentials: Credentials {
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: secret.into(),
        },
        virtual_hosted: false,
        timeout: Duration::from_secs(10),
    }
}

fn key_of(sha: &str) -> String {
    format!("accord/{}/{}/{sha}", &sha[0..2], &sha[2..4])
}

fn count(bucket: &Shared, method: &str) -> usize {
    let bucket = bucket.lock().unwrap();
    bucket.requests.iter().filter(|(m, _)| m == method).count()
}

#[tokio::test]
async fn the_store_puts_once_reads_back_and_reports_failures() {
    let (endpoint, bucket) = start_fake_s3().await;
    let store = S3FileStore::new(settings(&endpoint, SECRET)).unwrap();
    let content = "اتفاقية تعاون — accord de coopération".as_bytes();
    let sha = store.put(Bytes::copy_from_slice(content)).await.unwrap();
    assert_eq!(sha, sha256_hex(content));
    assert_eq!(
        bucket.lock().unwrap().objects.get(&key_of(&sha)).unwrap(),
        content
    );
    assert_eq!(count(&bucket, "PUT"), 1);
    // The same content again: a HEAD finds it, nothing is uploaded.
    assert_eq!(
        store.put(Bytes::copy_from_slice(content)).await.unwrap(),
        sha
    );
    assert_eq!(count(&bucket, "HEAD"), 2);
    assert_eq!(count(&bucket, "PUT"), 1);
    assert_eq!(store.get(&sha).await.unwrap(), content);

    // Missing objects and bad names are NotFound.
    let missing = sha256_hex(b"never stored");
    let error = store.get(&missing).await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound, "{error}");
    assert_eq!(
        store.get("../etc/passwd").await.unwrap_err().kind(),
        std::io::ErrorKind::NotFound
    );

    // An object whose bytes do not match its name is refused, not served.
    bucket
        .lock()
        .unwrap()
        .objects
        .insert(key_of(&missing), b"tampered".to_vec());
    let error = store.get(&missing).await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData, "{error}");

    // A wrong secret: the service's refusal, named, and no secret in the message.
    let wrong = S3FileStore::new(settings(&endpoint, "not-the-secret")).unwrap();
    let error = wrong.get(&sha).await.unwrap_err();
    let message = error.to_string();
    assert_ne!(error.kind(), std::io::ErrorKind::NotFound);
    assert!(message.contains("SignatureDoesNotMatch"), "{message}");
    assert!(message.contains("403"), "{message}");
    assert!(!message.contains("not-the-secret"), "{message}");
    // A HEAD refusal has no body: the status and a hint say what to check.
    let error = wrong.put(Bytes::from_static(b"new")).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("403"), "{message}");
    assert!(message.contains("check the access key"), "{message}");
    assert_eq!(count(&bucket, "PUT"), 1);
}

#[tokio::test]
async fn a_dead_or_silent_service_is_an_error_not_a_hang() {
    // Nothing listens on a port just released.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let store = S3FileStore::new(settings(&dead, SECRET)).unwrap();
    let error = store.get(&sha256_hex(b"x")).await.unwrap_err();
    assert_ne!(error.kind(), std::io::ErrorKind::NotFound, "{error}");

    // An https:// endpoint really speaks TLS: a plain-HTTP server is a TLS error.
    let (plain, _) = start_fake_s3().await;
    let https = plain.replacen("http://", "https://", 1);
    let store = S3FileStore::new(settings(&https, SECRET)).unwrap();
    let error = store.get(&sha256_hex(b"x")).await.unwrap_err();
    assert_ne!(error.kind(), std::io::ErrorKind::NotFound, "{error}");
    assert!(error.to_string().contains(&https), "{error}");

    // A service that accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = silent.local_addr().unwrap();
    let held = tokio::spawn(async move {
        let mut sockets = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            sockets.push(socket);
        }
    });
    let store = S3FileStore::new(S3Settings {
        timeout: Duration::from_millis(500),
        ..settings(&format!("http://{address}"), SECRET)
    })
    .unwrap();
    let started = std::time::Instant::now();
    let error = store.put(Bytes::from_static(b"x")).await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::TimedOut, "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
    held.abort();
}

const BOUNDARY: &str = "----accord-s3-test-boundary";

/// Posts a multipart form: `(name, file name for files, content)`.
async fn post_multipart(
    app: &TestApp,
    token: &str,
    path: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Answer {
    let mut body = Vec::new();
    for (name, filename, content) in parts {
        match filename {
            Some(filename) => write!(
                body,
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ),
            None => write!(
                body,
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            ),
        }
        .unwrap();
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{BOUNDARY}--\r\n").unwrap();
    let request = axum::http::Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

async fn upload_draft(app: &TestApp, token: &str, agreement: &Agreement, content: &[u8]) -> Answer {
    post_multipart(
        app,
        token,
        &format!("/api/v1/agreements/{}/versions", agreement.id),
        &[
            ("file", Some("draft.txt"), content),
            ("direction", None, b"internal"),
        ],
    )
    .await
}

/// An agreement in negotiation (drafts may be uploaded), owned by `owner`.
async fn agreement_in_negotiation(app: &TestApp, owner: &User, token: &str) -> Agreement {
    let partner = app
        .post(
            "/api/v1/partners",
            token,
            json!({ "name": { "en": "Partner of the bucket" }, "kind": "ngo" }),
        )
        .await;
    assert_eq!(partner.status, StatusCode::CREATED, "{}", partner.text());
    let input: AgreementInput = serde_json::from_value(json!({
        "title": { "en": "Files in object storage", "ar": "ملفات في التخزين" },
        "kind": "mou",
        "partner_ids": [partner.json()["id"]],
        "lead_unit": "ED",
        "owner_id": owner.id.to_string(),
        "confidential": false,
    }))
    .unwrap();
    let a =
        agreements::insert_agreement(&app.db, Some(owner.id), "ICESCO", input.validate().unwrap())
            .await
            .unwrap();
    agreements::transition(
        &app.db,
        Some(owner.id),
        a.id,
        Action::StartNegotiation,
        AgreementStatus::Negotiation,
        None,
        None,
    )
    .await
    .unwrap()
}

async fn app_on_s3(endpoint: &str, secret: &str) -> TestApp {
    let store = Arc::new(S3FileStore::new(settings(endpoint, secret)).unwrap());
    TestApp::with_config(|config| config.file_store = FileStoreConfig::S3(store)).await
}

#[tokio::test]
async fn drafts_go_to_the_bucket_and_come_back_byte_for_byte() {
    let (endpoint, bucket) = start_fake_s3().await;
    let app = app_on_s3(&endpoint, SECRET).await;
    let officer = app.user(Role::Officer, "officer@s3.accord").await;
    let token = app.token_for(&officer).await;
    let agreement = agreement_in_negotiation(&app, &officer, &token).await;

    let content = "المادة 1: يتعاون الطرفان.\r\nArticle 2 : durée de cinq ans.\n".as_bytes();
    let uploaded = upload_draft(&app, &token, &agreement, content).await;
    assert_eq!(uploaded.status, StatusCode::CREATED, "{}", uploaded.text());
    let sha = sha256_hex(content);
    assert_eq!(uploaded.json()["sha256"], sha);
    assert_eq!(
        bucket.lock().unwrap().objects.get(&key_of(&sha)).unwrap(),
        content
    );

    let number = uploaded.json()["number"].as_i64().unwrap();
    let path = format!("/api/v1/agreements/{}/versions/{number}/file", agreement.id);
    let download = app.get(&path, &token).await;
    assert_eq!(download.status, StatusCode::OK, "{}", download.text());
    assert_eq!(download.bytes, content);

    // A signed copy kept with the agreement goes the same way.
    let pdf = b"%PDF-1.4\n% signed copy kept in the bucket\n%%EOF\n";
    let kept = post_multipart(
        &app,
        &token,
        &format!("/api/v1/agreements/{}/documents", agreement.id),
        &[
            ("file", Some("signed.pdf"), pdf),
            ("purpose", None, b"signed_copy"),
        ],
    )
    .await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.text());
    assert!(
        bucket
            .lock()
            .unwrap()
            .objects
            .contains_key(&key_of(&sha256_hex(pdf)))
    );
    let copy = app
        .get(kept.json()["file_url"].as_str().unwrap(), &token)
        .await;
    assert_eq!(copy.status, StatusCode::OK, "{}", copy.text());
    assert_eq!(copy.bytes, pdf);
    // Nothing was written to the data directory.
    assert!(!app.data_dir().join("files").exists());

    // The object gone from the bucket: the download says the file is missing.
    bucket.lock().unwrap().objects.clear();
    let gone = app.get(&path, &token).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.text());
    assert_eq!(gone.json()["details"]["reason"], "file_missing");
}

#[tokio::test]
async fn a_wrong_secret_is_a_clean_500() {
    let (endpoint, bucket) = start_fake_s3().await;
    let app = app_on_s3(&endpoint, "a-wrong-secret").await;
    let officer = app.user(Role::Officer, "officer@s3.accord").await;
    let token = app.token_for(&officer).await;
    let agreement = agreement_in_negotiation(&app, &officer, &token).await;

    let answer = upload_draft(&app, &token, &agreement, b"A draft that cannot be kept.").await;
    assert_eq!(
        answer.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        answer.text()
    );
    let body = answer.json();
    assert_eq!(body["code"], "internal_error", "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(!answer.text().contains("a-wrong-secret"));
    assert!(bucket.lock().unwrap().objects.is_empty());
    // Nothing was recorded for the failed upload.
    let list = app
        .get(
            &format!("/api/v1/agreements/{}/versions", agreement.id),
            &token,
        )
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["total"], 0, "{}", list.text());
}
