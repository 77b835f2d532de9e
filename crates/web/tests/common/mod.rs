//! The in-process test application: a fresh database per test (a SQLite file
//! in a temporary folder, or a fresh schema of the PostgreSQL database named
//! by `ACCORD_TEST_DATABASE_URL`), users of every role with API tokens, and
//! helpers to call the JSON API and the pages as a client would.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use accord_domain::Role;
use accord_store::Db;
use accord_store::users::{self, User, UserFields};
use accord_web::{AppState, WebConfig};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

/// A running application with its database.
pub struct TestApp {
    pub app: Router,
    pub db: Db,
    _dir: tempfile::TempDir,
}

/// An answer of the application.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    /// The body as JSON (Null when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// The password every test user gets.
pub const PASSWORD: &str = "test-password-123";

impl TestApp {
    /// A fresh application on the engine chosen by the environment.
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    /// A fresh application whose settings `tweak` changes first (a file store, say).
    pub async fn with_config(tweak: impl FnOnce(&mut WebConfig)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = match std::env::var("ACCORD_TEST_DATABASE_URL") {
            Ok(base) if !base.is_empty() => fresh_pg_schema(&base).await,
            _ => format!("sqlite:{}", dir.path().join("test.db").display()),
        };
        let db = Db::connect(&url).await.expect("connect");
        db.migrate().await.expect("migrate");
        accord_store::reference::ensure_reference_data(&db)
            .await
            .expect("reference data");
        let mut config = WebConfig {
            base_url: "http://127.0.0.1:8080".into(),
            org_name: "ICESCO".into(),
            data_dir: dir.path().to_path_buf(),
            file_store: Default::default(),
            smtp_url: None,
        };
        tweak(&mut config);
        let state = AppState {
            db: db.clone(),
            config: Arc::new(config),
        };
        TestApp {
            app: accord_web::app(state),
            db,
            _dir: dir,
        }
    }

    /// The data directory of this application.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Adds a user of a role (unit ED for technical users) and returns it.
    pub async fn user(&self, role: Role, email: &str) -> User {
        self.user_with(role, email, None).await
    }

    /// Adds a user with an organization (for partner users).
    pub async fn user_with(
        &self,
        role: Role,
        email: &str,
        organization_id: Option<uuid::Uuid>,
    ) -> User {
        let hash = accord_web::auth::hash_password(PASSWORD.into())
            .await
            .expect("hash");
        let fields = UserFields {
            email: email.into(),
            name: format!("{} user", role.as_str()),
            role,
            unit: (role == Role::Technical).then(|| "ED".to_string()),
            organization_id,
            lang: None,
            disabled: false,
        };
        users::insert_user(&self.db, None, &fields, Some(&hash))
            .await
            .expect("user")
    }

    /// A user of a role with an API token; returns the token.
    pub async fn token(&self, role: Role) -> String {
        let email = format!(
            "{}-{}@test.accord",
            role.as_str(),
            uuid::Uuid::new_v4().simple()
        );
        let user = self.user(role, &email).await;
        self.token_for(&user).await
    }

    /// A new API token for a user.
    pub async fn token_for(&self, user: &User) -> String {
        let token = accord_web::auth::new_api_token();
        users::insert_token(
            &self.db,
            None,
            user.id,
            "test",
            &accord_web::auth::secret_hash(&token),
        )
        .await
        .expect("token");
        token
    }

    /// Sends a request.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Answer {
            status,
            headers,
            bytes,
        }
    }

    /// Calls the JSON API with a bearer token.
    pub async fn api(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Answer {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        let body = match body {
            Some(json) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(builder.body(body).expect("request")).await
    }

    /// GET with a bearer token.
    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.api(Method::GET, path, token, None).await
    }

    /// POST JSON with a bearer token.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Answer {
        self.api(Method::POST, path, token, Some(body)).await
    }

    /// PATCH JSON with a bearer token.
    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Answer {
        self.api(Method::PATCH, path, token, Some(body)).await
    }

    /// Logs in through the log-in form; returns a browser session.
    pub async fn browser(&self, email: &str) -> Browser {
        let body = format!("email={}&password={}&next=%2F", urlencode(email), PASSWORD);
        let request = Request::builder()
            .method(Method::POST)
            .uri("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        let answer = self.send(request).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "log-in failed: {}",
            answer.text()
        );
        let cookie = answer
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("accord_session="))
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_string();
        Browser {
            cookie,
            csrf: String::new(),
        }
    }

    /// GET a page as a browser; remembers the page's CSRF token.
    pub async fn page(&self, browser: &mut Browser, path: &str) -> Answer {
        let request = Request::builder()
            .uri(path)
            .header(header::COOKIE, &browser.cookie)
            .body(Body::empty())
            .expect("request");
        let answer = self.send(request).await;
        if let Some(token) = csrf_in(&answer.text()) {
            browser.csrf = token;
        }
        answer
    }

    /// POST a form as a browser (the CSRF token is added unless the form has one).
    pub async fn form(&self, browser: &Browser, path: &str, fields: &[(&str, &str)]) -> Answer {
        let mut pairs: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect();
        if !fields.iter().any(|(k, _)| *k == "_csrf") {
            pairs.push(format!("_csrf={}", urlencode(&browser.csrf)));
        }
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, &browser.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(pairs.join("&")))
            .expect("request");
        self.send(request).await
    }
}

/// A browser's session cookie and the last CSRF token it saw.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

/// The `_csrf` value in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// Percent-encodes a form or query value.
pub fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

async fn fresh_pg_schema(base: &str) -> String {
    use sqlx::Connection;
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("connect to ACCORD_TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut conn)
        .await
        .expect("create schema");
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}options=-c%20search_path%3D{schema}%2Cpublic")
}
