//! The preview's HTTP server, on 127.0.0.1 only: the page, the views it asks for, their
//! page images and PDF, and a stream of server-sent events that tells open pages when
//! the inputs changed. Nothing else is served: no request names a file.
//!
//! | Route | Answer |
//! |---|---|
//! | `GET /` | the page (HTML, CSS and script in one, embedded in the binary) |
//! | `GET /view?CHOICES` | the view as JSON ([`View`](super::View)) |
//! | `GET /page?n=N&CHOICES` | page `N` as SVG |
//! | `GET /pdf?CHOICES` | the PDF of exactly that view |
//! | `GET /events` | `text/event-stream`: the generation, at once and after each change |
//!
//! `CHOICES` are `as_of`, `language` and `audience` ([`Choices`]).

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::{Choices, Session};

/// The page, embedded.
const PAGE: &str = include_str!("page.html");

/// How often an idle event stream sends a comment, so that a closed tab is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Binds the server to 127.0.0.1 on `port` (0: a free port). The error says why not.
pub fn bind(port: u16) -> Result<tiny_http::Server, String> {
    tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot serve on 127.0.0.1:{port} ({e})"))
}

/// The open event streams, each told the generation after every change.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<Sender<u64>>>,
}

impl Hub {
    /// Tells every open page that the inputs changed (generation `generation`).
    pub fn changed(&self, generation: u64) {
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        streams.retain(|stream| stream.send(generation).is_ok());
    }

    /// A new stream's receiving end.
    fn join(&self) -> Receiver<u64> {
        let (send, receive) = mpsc::channel();
        self.streams.lock().unwrap_or_else(PoisonError::into_inner).push(send);
        receive
    }
}

/// Answers requests until the server is unblocked, each on a thread of its own (an
/// event stream stays open).
pub fn serve(http: &tiny_http::Server, session: &Arc<Session>, hub: &Arc<Hub>) {
    let port = http.server_addr().to_ip().map_or(0, |address| address.port());
    for request in http.incoming_requests() {
        let (session, hub) = (Arc::clone(session), Arc::clone(hub));
        std::thread::spawn(move || answer(request, &session, &hub, port));
    }
}

/// Answers one request.
fn answer(request: Request, session: &Session, hub: &Hub, port: u16) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    // A page of another site must not reach the server through a name that points
    // here (DNS rebinding): only the names of this machine are answered.
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
    let local = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.is_some_and(|host| local.iter().any(|l| l == host)) {
        return reply(request, 403, "text/plain", b"this server answers 127.0.0.1 only".to_vec());
    }
    if *request.method() != Method::Get && *request.method() != Method::Head {
        return reply(request, 405, "text/plain", b"only GET".to_vec());
    }
    let routed = matches!(path, "/" | "/view" | "/page" | "/pdf" | "/events");
    if !routed {
        return reply(request, 404, "text/plain", b"not found".to_vec());
    }
    let choices = match Choices::from_query(query) {
        Ok(choices) => choices,
        Err(why) => return reply(request, 400, "text/plain", why.into_bytes()),
    };
    match path {
        "/" => reply(request, 200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/view" => {
            let view = session.view(&choices);
            let json = serde_json::to_vec(&*view).unwrap_or_default();
            reply(request, 200, "application/json", json)
        }
        "/page" => {
            let view = session.view(&choices);
            let number = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("n="))
                .and_then(|n| n.parse::<usize>().ok());
            match number.and_then(|n| view.images.get(n.wrapping_sub(1))) {
                Some(image) => reply(request, 200, "image/svg+xml", image.clone()),
                None => reply(request, 404, "text/plain", b"no such page".to_vec()),
            }
        }
        "/pdf" => match &*session.pdf(&choices) {
            Ok(pdf) => reply(request, 200, "application/pdf", pdf.clone()),
            Err(why) => reply(request, 409, "text/plain", why.clone().into_bytes()),
        },
        _ => stream_events(request, session, hub),
    }
}

/// Sends `body` with `status` and `content_type`, never to be cached.
fn reply(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(status);
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (field, value) in headers {
        if let Ok(header) = Header::from_bytes(field, value) {
            response.add_header(header);
        }
    }
    // A client that left before the answer needs none.
    let _ = request.respond(response);
}

/// Keeps an event stream open: the current generation at once, then each new one,
/// until the page goes away.
fn stream_events(request: Request, session: &Session, hub: &Hub) {
    let changes = hub.join();
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\nretry: 1000\n\n";
    let mut send = |text: &str| out.write_all(text.as_bytes()).and_then(|()| out.flush());
    if send(head).is_err() || send(&format!("data: {}\n\n", session.generation())).is_err() {
        return;
    }
    loop {
        let sent = match changes.recv_timeout(KEEP_ALIVE) {
            Ok(generation) => send(&format!("data: {generation}\n\n")),
            Err(RecvTimeoutError::Timeout) => send(": still here\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}
