//! Draft versions through the API and the pages: uploads of each format
//! (the type read from the content), the list, downloads of the same bytes,
//! the word-level redline (in Arabic too), the limits and refusals, and a
//! draft uploaded during review voiding the clearances given so far.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use accord_domain::Role;
use accord_domain::agreement::{Action, AgreementInput, AgreementStatus};
use accord_store::agreements::{self, Agreement};
use accord_store::reviews::{self, Decision, Outcome, Reviewer};
use accord_store::users::User;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Answer, Browser, TestApp};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::Write;

const BOUNDARY: &str = "----accord-test-boundary-7MA4YWxkTrZu0gW";

/// One part of a multipart body: name, file name (for files) and content.
struct Part<'a> {
    name: &'a str,
    filename: Option<&'a str>,
    content: &'a [u8],
}

fn field<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    Part {
        name,
        filename: None,
        content: value.as_bytes(),
    }
}

fn file<'a>(filename: &'a str, content: &'a [u8]) -> Part<'a> {
    Part {
        name: "file",
        filename: Some(filename),
        content,
    }
}

fn multipart_body(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        write!(body, "--{BOUNDARY}\r\n").unwrap();
        match part.filename {
            Some(filename) => write!(
                body,
                "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                part.name, filename
            )
            .unwrap(),
            None => write!(
                body,
                "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                part.name
            )
            .unwrap(),
        }
        body.extend_from_slice(part.content);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{BOUNDARY}--\r\n").unwrap();
    body
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

async fn post_multipart(app: &TestApp, path: &str, token: &str, parts: &[Part<'_>]) -> Answer {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, multipart_type())
        .body(Body::from(multipart_body(parts)))
        .unwrap();
    app.send(request).await
}

/// Uploads a draft through the API.
async fn upload(
    app: &TestApp,
    token: &str,
    agreement: &Agreement,
    filename: &str,
    content: &[u8],
    direction: &str,
) -> Answer {
    post_multipart(
        app,
        &format!("/api/v1/agreements/{}/versions", agreement.id),
        token,
        &[
            file(filename, content),
            field("direction", direction),
            field("note", "from the test"),
        ],
    )
    .await
}

async fn browser_multipart(
    app: &TestApp,
    browser: &Browser,
    path: &str,
    parts: &[Part<'_>],
) -> Answer {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, &browser.cookie)
        .header(header::CONTENT_TYPE, multipart_type())
        .body(Body::from(multipart_body(parts)))
        .unwrap();
    app.send(request).await
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A Word document with one paragraph per line of `text`.
fn docx(text: &str) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for line in text.lines() {
        xml.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        xml.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        xml.push_str("</w:t></w:r></w:p>");
    }
    xml.push_str("</w:body></w:document>");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file("[Content_Types].xml", options).unwrap();
    writer
        .write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        .unwrap();
    writer.start_file("word/document.xml", options).unwrap();
    writer.write_all(xml.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

/// A one-page PDF showing `text` in Helvetica, with a correct cross-reference table.
fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{object}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// A partner organization, through the API.
async fn partner(app: &TestApp, token: &str, name: &str) -> String {
    let answer = app
        .post(
            "/api/v1/partners",
            token,
            json!({ "name": { "en": name }, "kind": "ngo" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_str().unwrap().to_string()
}

/// An agreement in `prospect`, made with the store.
async fn agreement(app: &TestApp, owner: &User, partner_id: &str, confidential: bool) -> Agreement {
    let input: AgreementInput = serde_json::from_value(json!({
        "title": { "en": "Cooperation in education", "ar": "التعاون في مجال التربية" },
        "kind": "mou",
        "partner_ids": [partner_id],
        "lead_unit": "ED",
        "owner_id": owner.id.to_string(),
        "confidential": confidential,
    }))
    .unwrap();
    let fields = input.validate().unwrap();
    agreements::insert_agreement(&app.db, Some(owner.id), "ICESCO", fields)
        .await
        .unwrap()
}

async fn negotiate(app: &TestApp, actor: &User, a: &Agreement) -> Agreement {
    agreements::transition(
        &app.db,
        Some(actor.id),
        a.id,
        Action::StartNegotiation,
        AgreementStatus::Negotiation,
        None,
        None,
    )
    .await
    .unwrap()
}

struct Setup {
    app: TestApp,
    officer: User,
    token: String,
    partner_id: String,
    agreement: Agreement,
}

async fn setup() -> Setup {
    let app = TestApp::new().await;
    let officer = app.user(Role::Officer, "officer@test.accord").await;
    let token = app.token_for(&officer).await;
    let partner_id = partner(&app, &token, "Partner of the drafts").await;
    let a = agreement(&app, &officer, &partner_id, false).await;
    let agreement = negotiate(&app, &officer, &a).await;
    Setup {
        app,
        officer,
        token,
        partner_id,
        agreement,
    }
}

fn versions_path(a: &Agreement) -> String {
    format!("/api/v1/agreements/{}/versions", a.id)
}

/// The text on each side of a redline, rebuilt from its changes.
fn sides(compare: &Value) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    for change in compare["changes"].as_array().unwrap() {
        let text = change["text"].as_str().unwrap();
        match change["op"].as_str().unwrap() {
            "equal" => {
                old.push_str(text);
                new.push_str(text);
            }
            "delete" => old.push_str(text),
            "insert" => new.push_str(text),
            other => panic!("unexpected op {other}"),
        }
    }
    (old, new)
}

fn changed(compare: &Value, op: &str) -> String {
    compare["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["op"] == op)
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("|")
}

#[tokio::test]
async fn text_and_word_drafts_are_listed_downloaded_and_compared() {
    let s = setup().await;
    let v1_text = "The parties agree to cooperate in education and culture.\nArticle 2: duration of five years.";
    let v1 = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "draft-v1.txt",
        v1_text.as_bytes(),
        "internal",
    )
    .await;
    assert_eq!(v1.status, StatusCode::CREATED, "{}", v1.text());
    let v1 = v1.json();
    assert_eq!(v1["number"], 1);
    assert_eq!(v1["round"], 1);
    assert_eq!(v1["media_type"], "text/plain");
    assert_eq!(v1["filename"], "draft-v1.txt");
    assert_eq!(v1["direction"], "internal");
    assert_eq!(v1["note"], "from the test");
    assert_eq!(v1["text_available"], true);
    assert_eq!(v1["size"], v1_text.len());
    assert_eq!(v1["sha256"], sha256_hex(v1_text.as_bytes()));
    assert_eq!(v1["author_id"], s.officer.id.to_string());
    assert_eq!(v1["author_name"], s.officer.name);
    assert!(v1["created_at"].as_str().unwrap().ends_with('Z'));

    let v2_text = "The parties agree to cooperate closely in education and science.\nArticle 2: duration of five years.";
    let v2_bytes = docx(v2_text);
    let v2 = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "Draft v2 (partner).docx",
        &v2_bytes,
        "to_partner",
    )
    .await;
    assert_eq!(v2.status, StatusCode::CREATED, "{}", v2.text());
    let v2 = v2.json();
    assert_eq!(v2["number"], 2);
    assert_eq!(
        v2["media_type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert_eq!(v2["text_available"], true);

    let list = s.app.get(&versions_path(&s.agreement), &s.token).await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(list["total"], 2);
    let numbers: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, vec![1, 2]);
    assert_eq!(list["items"][1]["direction"], "to_partner");
    assert_eq!(
        accord_store::drafts::count_versions(&s.app.db, s.agreement.id)
            .await
            .unwrap(),
        2
    );

    let download = s
        .app
        .get(&format!("{}/2/file", versions_path(&s.agreement)), &s.token)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, v2_bytes);
    assert_eq!(sha256_hex(&download.bytes), v2["sha256"].as_str().unwrap());
    assert_eq!(
        download.headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = download.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("Draft v2 (partner).docx"),
        "{disposition}"
    );
    let text_download = s
        .app
        .get(&format!("{}/1/file", versions_path(&s.agreement)), &s.token)
        .await;
    assert_eq!(text_download.bytes, v1_text.as_bytes());
    assert_eq!(
        text_download.headers[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );

    let compare = s
        .app
        .get(
            &format!("{}/compare?from=1&to=2", versions_path(&s.agreement)),
            &s.token,
        )
        .await;
    assert_eq!(compare.status, StatusCode::OK, "{}", compare.text());
    let compare = compare.json();
    let inserted = changed(&compare, "insert");
    let deleted = changed(&compare, "delete");
    assert!(inserted.contains("closely"), "{inserted}");
    assert!(inserted.contains("science."), "{inserted}");
    assert!(deleted.contains("culture."), "{deleted}");
    assert!(!deleted.contains("education"), "{deleted}");
    assert_eq!(compare["stats"]["inserted"], 2);
    assert_eq!(compare["stats"]["deleted"], 1);
    assert_eq!(sides(&compare), (v1_text.to_string(), v2_text.to_string()));
    // Consecutive tokens of one kind are merged: no two neighbours share an op.
    let ops: Vec<&str> = compare["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["op"].as_str().unwrap())
        .collect();
    assert!(ops.windows(2).all(|w| w[0] != w[1]), "{ops:?}");

    // The same file twice is stored once, under its hash.
    let again = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "again.txt",
        v1_text.as_bytes(),
        "internal",
    )
    .await;
    assert_eq!(again.json()["number"], 3);
    assert_eq!(again.json()["sha256"], v1["sha256"]);
    let again_download = s
        .app
        .get(&format!("{}/3/file", versions_path(&s.agreement)), &s.token)
        .await;
    assert_eq!(again_download.bytes, v1_text.as_bytes());
    let again_disposition = again_download.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert!(
        again_disposition.contains("again.txt"),
        "{again_disposition}"
    );

    // The upload is in the agreement's history.
    let history =
        accord_store::audit::history(&s.app.db, "agreement", &[s.agreement.id.to_string()], 50)
            .await
            .unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|e| e.action == "add_draft_version")
            .count(),
        3
    );
}

#[tokio::test]
async fn odt_and_pdf_texts_are_extracted() {
    let s = setup().await;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).unwrap();
    writer
        .write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    writer
        .start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    writer
        .write_all(
            "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>\
             <text:h>Accord de coopération</text:h><text:p>Les parties conviennent de coopérer.</text:p>\
             </office:text></office:body></office:document-content>"
                .as_bytes(),
        )
        .unwrap();
    let odt = writer.finish().unwrap().into_inner();
    let answer = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "projet.odt",
        &odt,
        "from_partner",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(
        answer.json()["media_type"],
        "application/vnd.oasis.opendocument.text"
    );
    assert_eq!(answer.json()["text_available"], true);

    let answer = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "scan.pdf",
        &pdf("Les parties conviennent de cooperer."),
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()["media_type"], "application/pdf");
    assert_eq!(answer.json()["text_available"], true);
    let text = accord_store::drafts::find_version_text(&s.app.db, s.agreement.id, 2)
        .await
        .unwrap()
        .unwrap();
    assert!(text.contains("Les parties conviennent"), "{text:?}");

    let compare = s
        .app
        .get(
            &format!("{}/compare?from=1&to=2", versions_path(&s.agreement)),
            &s.token,
        )
        .await;
    assert_eq!(compare.status, StatusCode::OK, "{}", compare.text());
    assert!(changed(&compare.json(), "delete").contains("coopération"));

    // A PDF without readable text is kept, but cannot be compared.
    let blank = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "blank.pdf",
        &pdf(""),
        "internal",
    )
    .await;
    assert_eq!(blank.status, StatusCode::CREATED, "{}", blank.text());
    assert_eq!(blank.json()["text_available"], false);
    let compare = s
        .app
        .get(
            &format!("{}/compare?from=1&to=3", versions_path(&s.agreement)),
            &s.token,
        )
        .await;
    assert_eq!(compare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(compare.json()["details"]["fields"]["to"][0], "no_text");
}

#[tokio::test]
async fn arabic_drafts_are_compared_word_by_word_and_shown_right_to_left() {
    let s = setup().await;
    let old = "يتفق الطرفان على التعاون في مجال التربية والثقافة.";
    let new = "يتفق الطرفان على التعاون الوثيق في مجال التربية والعلوم.";
    upload(
        &s.app,
        &s.token,
        &s.agreement,
        "مسودة ١.txt",
        old.as_bytes(),
        "internal",
    )
    .await;
    let second = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "مسودة ٢.md",
        new.as_bytes(),
        "from_partner",
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text());
    assert_eq!(second.json()["media_type"], "text/markdown");
    assert_eq!(second.json()["filename"], "مسودة ٢.md");

    let compare = s
        .app
        .get(
            &format!("{}/compare?from=1&to=2", versions_path(&s.agreement)),
            &s.token,
        )
        .await
        .json();
    let inserted = changed(&compare, "insert");
    let deleted = changed(&compare, "delete");
    assert!(inserted.contains("الوثيق"), "{inserted}");
    assert!(inserted.contains("والعلوم."), "{inserted}");
    assert!(deleted.contains("والثقافة."), "{deleted}");
    assert_eq!(compare["stats"]["inserted"], 2);
    assert_eq!(compare["stats"]["deleted"], 1);
    assert_eq!(sides(&compare), (old.to_string(), new.to_string()));

    let download = s
        .app
        .get(&format!("{}/2/file", versions_path(&s.agreement)), &s.token)
        .await;
    let disposition = download.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''%D9%85%D8%B3%D9%88%D8%AF%D8%A9"),
        "{disposition}"
    );

    // The redline page, in Arabic.
    let arabic_officer = s.app.user(Role::Officer, "arabic@test.accord").await;
    accord_store::users::set_language(&s.app.db, arabic_officer.id, accord_domain::Lang::Ar)
        .await
        .unwrap();
    let mut browser = s.app.browser("arabic@test.accord").await;
    let page = s
        .app
        .page(
            &mut browser,
            &format!(
                "/agreements/{}/versions/compare?from=1&to=2",
                s.agreement.id
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    assert!(html.contains("dir=\"rtl\""));
    assert!(html.contains("<div class=\"redline\" dir=\"auto\">"));
    let marked = |tag: &str, word: &str| {
        html.split(&format!("<{tag}>")).skip(1).any(|rest| {
            rest.split(&format!("</{tag}>"))
                .next()
                .unwrap()
                .contains(word)
        })
    };
    assert!(marked("ins", "الوثيق"), "{html}");
    assert!(marked("ins", "والعلوم."), "{html}");
    assert!(marked("del", "والثقافة."), "{html}");
    assert!(!marked("del", "التربية"), "{html}");
    assert!(html.contains("أُدرِجت كلمتان"), "{html}");
    assert!(html.contains("حُذِفت كلمة واحدة"), "{html}");
}

#[tokio::test]
async fn the_type_comes_from_the_content_not_the_name() {
    let s = setup().await;
    let text = b"Plain text that someone named as a Word file.";
    let answer = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "looks-like-word.docx",
        text,
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()["media_type"], "text/plain");
    assert_eq!(answer.json()["filename"], "looks-like-word.docx");
    let download = s
        .app
        .get(&format!("{}/1/file", versions_path(&s.agreement)), &s.token)
        .await;
    assert_eq!(
        download.headers[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );

    let png = upload(&s.app, &s.token, &s.agreement, "draft.txt", PNG, "internal").await;
    assert_eq!(png.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(png.json()["code"], "unsupported_media_type");
    let spreadsheet = {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer
            .start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"<workbook/>").unwrap();
        writer.finish().unwrap().into_inner()
    };
    let xlsx = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "draft.docx",
        &spreadsheet,
        "internal",
    )
    .await;
    assert_eq!(xlsx.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let list = s
        .app
        .get(&versions_path(&s.agreement), &s.token)
        .await
        .json();
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn limits_and_bad_input_get_their_codes() {
    let s = setup().await;
    let path = versions_path(&s.agreement);
    let big = vec![b'a'; 20 * 1024 * 1024 + 1];
    let answer = upload(&s.app, &s.token, &s.agreement, "big.txt", &big, "internal").await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["code"], "too_large");
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    // A body far over the limit, whatever is in it.
    let huge = vec![b'a'; 22 * 1024 * 1024];
    let answer = post_multipart(
        &s.app,
        &path,
        &s.token,
        &[
            field("direction", "internal"),
            field("note", std::str::from_utf8(&huge).unwrap()),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["code"], "too_large");
    // Exactly at the limit is accepted.
    let at_limit = vec![b'b'; 20 * 1024 * 1024];
    let answer = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "limit.txt",
        &at_limit,
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());

    let answer = post_multipart(&s.app, &path, &s.token, &[field("note", "no file")]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &answer.json()["details"]["fields"];
    assert_eq!(fields["file"][0], "required");
    assert_eq!(fields["direction"][0], "required");
    let answer = post_multipart(
        &s.app,
        &path,
        &s.token,
        &[
            file("a.txt", b"text"),
            field("direction", "sideways"),
            field("colour", "red"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &answer.json()["details"]["fields"];
    assert_eq!(fields["direction"][0], "invalid_choice");
    assert_eq!(fields["colour"][0], "unknown_field");
    let answer = upload(&s.app, &s.token, &s.agreement, "empty.txt", b"", "internal").await;
    assert_eq!(answer.json()["details"]["fields"]["file"][0], "empty_file");
    let answer = s
        .app
        .post(&path, &s.token, json!({ "direction": "internal" }))
        .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    for query in [
        "",
        "?from=1",
        "?from=x&to=1",
        "?from=1&to=9",
        "?from=1&to=1&extra=1",
    ] {
        let answer = s.app.get(&format!("{path}/compare{query}"), &s.token).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            answer.text()
        );
    }
    let answer = s
        .app
        .get(&format!("{path}/compare?from=1&to=9"), &s.token)
        .await;
    assert_eq!(
        answer.json()["details"]["fields"]["to"][0],
        "unknown_version"
    );
    for number in ["9", "x", "0"] {
        let answer = s.app.get(&format!("{path}/{number}/file"), &s.token).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{number}");
    }
}

#[tokio::test]
async fn who_may_upload_and_who_may_see() {
    let s = setup().await;
    let path = versions_path(&s.agreement);
    let first = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "v1.txt",
        b"first text",
        "internal",
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);

    // Viewers, legal and technical staff read but do not upload.
    for role in [Role::Viewer, Role::Legal, Role::Technical, Role::Director] {
        let token = s.app.token(role).await;
        let answer = upload(&s.app, &token, &s.agreement, "v.txt", b"text", "internal").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(answer.json()["code"], "forbidden");
        assert_eq!(
            s.app.get(&path, &token).await.status,
            StatusCode::OK,
            "{role:?}"
        );
    }
    let admin = s.app.token(Role::Admin).await;
    let answer = upload(
        &s.app,
        &admin,
        &s.agreement,
        "v.txt",
        b"admin text",
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);

    // A partner user of a party uploads what comes from the partner, nothing else.
    let partner_id: uuid::Uuid = s.partner_id.parse().unwrap();
    let partner_user = s
        .app
        .user_with(Role::Partner, "partner@test.accord", Some(partner_id))
        .await;
    let partner_token = s.app.token_for(&partner_user).await;
    let answer = upload(
        &s.app,
        &partner_token,
        &s.agreement,
        "ours.txt",
        b"our text",
        "to_partner",
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = upload(
        &s.app,
        &partner_token,
        &s.agreement,
        "ours.txt",
        b"our text",
        "from_partner",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());

    // Someone else's partner user sees nothing of it.
    let other_id = partner(&s.app, &s.token, "Another partner").await;
    let outsider = s
        .app
        .user_with(
            Role::Partner,
            "outsider@test.accord",
            Some(other_id.parse().unwrap()),
        )
        .await;
    let outsider_token = s.app.token_for(&outsider).await;
    for answer in [
        upload(
            &s.app,
            &outsider_token,
            &s.agreement,
            "x.txt",
            b"x",
            "from_partner",
        )
        .await,
        s.app.get(&path, &outsider_token).await,
        s.app.get(&format!("{path}/1/file"), &outsider_token).await,
        s.app
            .get(&format!("{path}/compare?from=1&to=2"), &outsider_token)
            .await,
    ] {
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.text());
    }

    // A confidential agreement is invisible to an officer who does not own it.
    let secret = agreement(&s.app, &s.officer, &s.partner_id, true).await;
    let other_officer = s.app.token(Role::Officer).await;
    let secret_path = versions_path(&secret);
    let answer = upload(&s.app, &other_officer, &secret, "x.txt", b"x", "internal").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.app.get(&secret_path, &other_officer).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        upload(&s.app, &s.token, &secret, "x.txt", b"x", "internal")
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        s.app
            .get(
                &format!("/api/v1/agreements/{}/versions", uuid::Uuid::now_v7()),
                &s.token
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.app
            .get("/api/v1/agreements/nope/versions", &s.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.app.get(&path, "bad-token").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn drafts_are_taken_only_before_signature() {
    let s = setup().await;
    let withdrawn = agreements::transition(
        &s.app.db,
        Some(s.officer.id),
        s.agreement.id,
        Action::Withdraw,
        AgreementStatus::Withdrawn,
        Some("The partner stepped back"),
        None,
    )
    .await
    .unwrap();
    let answer = upload(
        &s.app,
        &s.token,
        &withdrawn,
        "late.txt",
        b"too late",
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(answer.json()["code"], "invalid_transition");
    assert_eq!(answer.json()["details"]["status"], "withdrawn");
    assert!(answer.json()["details"]["allowed"].is_array());

    // A prospect takes drafts too.
    let prospect = agreement(&s.app, &s.officer, &s.partner_id, false).await;
    let answer = upload(
        &s.app,
        &s.token,
        &prospect,
        "early.txt",
        b"early text",
        "internal",
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_draft_uploaded_during_review_voids_the_clearances() {
    let s = setup().await;
    let first = upload(
        &s.app,
        &s.token,
        &s.agreement,
        "v1.txt",
        b"Version one of the text.",
        "internal",
    )
    .await;
    assert_eq!(first.json()["round"], 1);
    let in_review = agreements::transition(
        &s.app.db,
        Some(s.officer.id),
        s.agreement.id,
        Action::SubmitForReview,
        AgreementStatus::Review,
        None,
        None,
    )
    .await
    .unwrap();
    let steps = reviews::list_steps(&s.app.db, in_review.id).await.unwrap();
    let step = steps.iter().find(|s| s.is_open()).unwrap().clone();
    assert_eq!(
        (step.role.as_str(), step.unit.as_deref()),
        ("technical", Some("ED"))
    );
    let technical = s.app.user(Role::Technical, "technical@test.accord").await;
    let reviewer = Reviewer {
        user_id: technical.id,
        role: Role::Technical,
        unit: Some("ED"),
    };
    let outcome = reviews::decide(
        &s.app.db,
        &reviewer,
        &in_review,
        &step.id,
        Decision::Cleared,
        Some("Fine"),
    )
    .await
    .unwrap();
    assert_eq!(outcome, Outcome::NextStep);

    let second = upload(
        &s.app,
        &s.token,
        &in_review,
        "v2.txt",
        b"Version two of the text.",
        "from_partner",
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text());
    assert_eq!(second.json()["number"], 2);
    assert_eq!(second.json()["round"], 2);

    let steps = reviews::list_steps(&s.app.db, in_review.id).await.unwrap();
    let cleared = steps.iter().find(|x| x.id == step.id).unwrap();
    assert_eq!(cleared.decision.as_deref(), Some("cleared"));
    assert!(
        cleared.voided,
        "the clearance given before the new draft is void"
    );
    assert!(steps.iter().filter(|x| x.cycle == 1).all(|x| x.voided));
    let open: Vec<_> = steps.iter().filter(|x| x.is_open()).collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].cycle, 2);
    assert_eq!(open[0].position, 0);
    assert_eq!(open[0].role, "technical");
    assert!(
        !reviews::chain_cleared(&s.app.db, in_review.id)
            .await
            .unwrap()
    );
    let current = agreements::find_agreement(&s.app.db, in_review.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.status, AgreementStatus::Review);
    let history =
        accord_store::audit::history(&s.app.db, "agreement", &[in_review.id.to_string()], 50)
            .await
            .unwrap();
    assert!(history.iter().any(|e| e.action == "restart_review"));
}

#[tokio::test]
async fn pages_upload_compare_and_download_through_the_session() {
    let s = setup().await;
    let mut browser = s.app.browser("officer@test.accord").await;
    let form_path = format!("/agreements/{}/versions/new", s.agreement.id);
    let page = s.app.page(&mut browser, &form_path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(html.contains("<label for=\"file\">"));
    assert!(html.contains("<label for=\"direction\">"));
    assert!(html.contains("<label for=\"note\">"));
    assert!(!browser.csrf.is_empty());

    // Without the CSRF token nothing is stored.
    let answer = browser_multipart(
        &s.app,
        &browser,
        &form_path,
        &[
            file("v1.txt", b"first words"),
            field("direction", "internal"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.app
            .get(&versions_path(&s.agreement), &s.token)
            .await
            .json()["total"],
        0
    );

    // A missing direction shows the form again with the error linked.
    let answer = browser_multipart(
        &s.app,
        &browser,
        &form_path,
        &[
            field("_csrf", &browser.csrf),
            file("v1.txt", b"first words"),
            field("note", "kept"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text();
    assert!(html.contains("href=\"#direction\""), "{html}");
    assert!(html.contains(">kept</textarea>"));

    // A picture is refused next to the file field.
    let answer = browser_multipart(
        &s.app,
        &browser,
        &form_path,
        &[
            field("_csrf", &browser.csrf),
            file("v1.txt", PNG),
            field("direction", "internal"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(answer.text().contains("href=\"#file\""));

    for (name, text) in [("v1.txt", "one two three"), ("v2.txt", "one 2 three four")] {
        let answer = browser_multipart(
            &s.app,
            &browser,
            &form_path,
            &[
                field("_csrf", &browser.csrf),
                file(name, text.as_bytes()),
                field("direction", "internal"),
                field("note", ""),
            ],
        )
        .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
        assert_eq!(
            answer.headers[header::LOCATION],
            format!("/agreements/{}?notice=created#drafts", s.agreement.id).as_str()
        );
    }

    // Without a choice, the page compares the last two versions.
    let page = s
        .app
        .page(
            &mut browser,
            &format!("/agreements/{}/versions/compare", s.agreement.id),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    assert!(html.contains("dir=\"auto\""));
    assert!(html.contains("two</del>"), "{html}");
    assert!(html.contains("2</ins>"), "{html}");
    assert!(html.contains("four</ins>"), "{html}");
    assert!(html.contains("2 words inserted"), "{html}");
    assert!(html.contains("1 word deleted"), "{html}");
    assert!(html.contains("<label for=\"compare-from\">"));
    let page = s
        .app
        .page(
            &mut browser,
            &format!(
                "/agreements/{}/versions/compare?from=1&to=7",
                s.agreement.id
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text().contains("href=\"#compare-to\""));

    let request = Request::builder()
        .uri(format!("/agreements/{}/versions/2/file", s.agreement.id))
        .header(header::COOKIE, &browser.cookie)
        .body(Body::empty())
        .unwrap();
    let download = s.app.send(request).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, b"one 2 three four");
    assert!(
        download.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("v2.txt")
    );

    // A viewer sees the comparison but not the upload form.
    s.app.user(Role::Viewer, "viewer@test.accord").await;
    let mut viewer = s.app.browser("viewer@test.accord").await;
    assert_eq!(
        s.app.page(&mut viewer, &form_path).await.status,
        StatusCode::FORBIDDEN
    );
    let page = s
        .app
        .page(
            &mut viewer,
            &format!(
                "/agreements/{}/versions/compare?from=1&to=2",
                s.agreement.id
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("/versions/new"));
    let missing = s
        .app
        .page(
            &mut viewer,
            &format!("/agreements/{}/versions/compare", uuid::Uuid::now_v7()),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

fn documents_path(a: &Agreement) -> String {
    format!("/api/v1/agreements/{}/documents", a.id)
}

#[tokio::test]
async fn signed_copies_and_notices_are_kept_with_the_agreement() {
    let s = setup().await;
    let path = documents_path(&s.agreement);
    let pdf = b"%PDF-1.4\n% signed copy of the agreement\n%%EOF\n".to_vec();
    let answer = post_multipart(
        &s.app,
        &path,
        &s.token,
        &[
            file("signed copy.pdf", &pdf),
            field("purpose", "signed_copy"),
            field("note", "Signed in Rabat"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let copy = answer.json();
    assert_eq!(copy["purpose"], "signed_copy");
    assert_eq!(copy["media_type"], "application/pdf");
    assert_eq!(copy["sha256"], sha256_hex(&pdf));
    assert_eq!(copy["size"], pdf.len());
    let location = answer.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(location, copy["file_url"].as_str().unwrap());

    // A scan as PNG, whatever its name says.
    let png = [
        b"\x89PNG\r\n\x1a\n".as_slice(),
        &[0u8, 0, 0, 13, 73, 72, 68, 82],
    ]
    .concat();
    let answer = post_multipart(
        &s.app,
        &path,
        &s.token,
        &[file("notice.pdf", &png), field("purpose", "termination")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()["media_type"], "image/png");

    // The list and the download give back what was kept.
    let list = s.app.get(&path, &s.token).await.json();
    assert_eq!(list["total"], 2);
    let download = s.app.get(&location, &s.token).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, pdf);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(
        download.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // Refusals, each with its code.
    let bad = |parts: Vec<Part<'static>>| {
        let app = &s.app;
        let path = path.clone();
        let token = s.token.clone();
        async move { post_multipart(app, &path, &token, &parts).await }
    };
    let answer = bad(vec![
        file("a.pdf", b"%PDF-1.4\n"),
        field("purpose", "souvenir"),
    ])
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.json()["details"]["fields"]["purpose"][0],
        "invalid_choice"
    );
    let answer = bad(vec![file("a.pdf", b"%PDF-1.4\n")]).await;
    assert_eq!(answer.json()["details"]["fields"]["purpose"][0], "required");
    let answer = bad(vec![
        file("a.pdf", b"%PDF-1.4\n"),
        field("purpose", "other"),
        field("direction", "internal"),
    ])
    .await;
    assert_eq!(
        answer.json()["details"]["fields"]["direction"][0],
        "unknown_field"
    );
    let answer = bad(vec![file("a.pdf", b""), field("purpose", "other")]).await;
    assert_eq!(answer.json()["details"]["fields"]["file"][0], "empty_file");
    let answer = bad(vec![
        file("a.pdf", &[0x00, 0x01, 0x02, 0xFE]),
        field("purpose", "other"),
    ])
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // Viewers read the documents but do not add any.
    let viewer = s.app.token(Role::Viewer).await;
    assert_eq!(s.app.get(&path, &viewer).await.json()["total"], 2);
    let answer = post_multipart(
        &s.app,
        &path,
        &viewer,
        &[file("x.pdf", b"%PDF-1.4\n"), field("purpose", "other")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    // A signature may point only at a file kept with the agreement (and the
    // file is checked before the chain: here the chain is not cleared yet).
    let signatures = format!("/api/v1/agreements/{}/signatures", s.agreement.id);
    let signature = |sha: &str| json!({ "party": "organization", "signatory": "The Director General", "signed_on": "2026-11-20", "file_sha256": sha });
    let answer = s
        .app
        .post(&signatures, &s.token, signature(&sha256_hex(b"elsewhere")))
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.json()["details"]["fields"]["file_sha256"][0],
        "unknown_file"
    );
    let answer = s
        .app
        .post(&signatures, &s.token, signature(&sha256_hex(&pdf)))
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(answer.json()["code"], "review_not_cleared");

    // Each addition is an event of the agreement.
    let history = s
        .app
        .get(
            &format!("/api/v1/agreements/{}/history", s.agreement.id),
            &s.token,
        )
        .await
        .json();
    let added = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "document_added")
        .count();
    assert_eq!(added, 2);

    // The page lists them, takes a new one through the session, and serves it.
    let mut browser = s.app.browser("officer@test.accord").await;
    let page_path = format!("/agreements/{}", s.agreement.id);
    let html = s.app.page(&mut browser, &page_path).await.text();
    assert!(html.contains("id=\"documents\""));
    assert!(html.contains("signed copy.pdf"));
    assert!(html.contains("<label for=\"document-purpose\">"));
    assert!(html.contains("<label for=\"sign-file_sha256\">") || !html.contains("signature-form"));
    let form_path = format!("/agreements/{}/documents", s.agreement.id);
    let answer = browser_multipart(
        &s.app,
        &browser,
        &form_path,
        &[
            field("_csrf", &browser.csrf),
            file("full powers.pdf", b"%PDF-1.4\nfull powers\n"),
            field("purpose", "full_powers"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    let answer = browser_multipart(
        &s.app,
        &browser,
        &form_path,
        &[field("_csrf", &browser.csrf), field("purpose", "other")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.text().contains("href=\"#document-file\""));
    assert_eq!(s.app.get(&path, &s.token).await.json()["total"], 3);
    let file_page = s
        .app
        .page(
            &mut browser,
            &format!(
                "{page_path}/documents/{}/file",
                copy["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(file_page.status, StatusCode::OK);
    assert_eq!(file_page.bytes, pdf);
}
