//! One keep-alive HTTP/1.1 connection that reconnects by itself.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::response::{self, Parsed, Response};

/// Room kept free in the read buffer before each read, so one read usually takes a whole response.
const READ_CHUNK: usize = 8 * 1024;

/// A client connection: sends one request at a time and waits for its response (no pipelining).
pub struct Connection {
    addr: SocketAddr,
    stream: Option<TcpStream>,
    /// Bytes received but not yet consumed by a response.
    buf: Vec<u8>,
}

impl Connection {
    /// A connection that connects lazily, on its first request.
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            stream: None,
            buf: Vec::with_capacity(READ_CHUNK),
        }
    }

    /// Sends `request` (complete bytes, head and body) and reads the response.
    ///
    /// A server may close an idle keep-alive connection just as we reuse it; that shows up as a
    /// reset or an end of stream before any byte of the response. Only in that case is the request
    /// sent once more on a fresh connection, the way browsers and HTTP clients do.
    pub async fn send(&mut self, request: &[u8]) -> io::Result<Response> {
        let reused = self.stream.is_some();
        match self.send_once(request).await {
            Err(error) if reused && self.buf.is_empty() && is_stale(&error) => {
                self.send_once(request).await
            }
            result => result,
        }
    }

    async fn send_once(&mut self, request: &[u8]) -> io::Result<Response> {
        let result = self.exchange(request).await;
        // After an error, or when the server says it will close, the stream cannot carry another
        // request: drop it, and connect afresh next time.
        if !matches!(
            result,
            Ok(Response {
                keep_alive: true,
                ..
            })
        ) {
            self.stream = None;
            if result.is_ok() {
                self.buf.clear();
            }
        }
        result
    }

    async fn exchange(&mut self, request: &[u8]) -> io::Result<Response> {
        let stream = match &mut self.stream {
            Some(stream) => stream,
            None => {
                self.buf.clear();
                let stream = TcpStream::connect(self.addr).await?;
                // Requests are written in one piece; Nagle would only delay the next one.
                stream.set_nodelay(true)?;
                self.stream.insert(stream)
            }
        };
        stream.write_all(request).await?;
        loop {
            match response::parse(&self.buf) {
                Ok(Parsed::Complete(response, used)) => {
                    self.buf.drain(..used);
                    return Ok(response);
                }
                Ok(Parsed::Incomplete) => {}
                Err(error) => {
                    self.buf.clear();
                    return Err(io::Error::new(io::ErrorKind::InvalidData, error));
                }
            }
            self.buf.reserve(READ_CHUNK);
            if stream.read_buf(&mut self.buf).await? == 0 {
                let received = self.buf.len();
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("connection closed after {received} bytes of a response"),
                ));
            }
        }
    }
}

/// The errors a write or read on a connection the server has already closed produces.
fn is_stale(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A server that answers each connection's requests with the given canned responses in turn,
    /// one per read, then closes the connection.
    async fn canned_server(per_connection: Vec<Vec<&'static [u8]>>) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            for responses in per_connection {
                let (mut socket, _) = listener.accept().await.expect("accept");
                for response in responses {
                    let mut request = [0u8; 1024];
                    let _ = socket.read(&mut request).await.expect("read request");
                    // Dribble the response out in small writes to exercise partial reads.
                    for piece in response.chunks(7) {
                        socket.write_all(piece).await.expect("write response");
                        socket.flush().await.expect("flush");
                        tokio::task::yield_now().await;
                    }
                }
            }
        });
        addr
    }

    const OK: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
    const REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: test\r\n\r\n";

    #[tokio::test]
    async fn requests_reuse_the_connection_and_survive_an_idle_close() {
        // The first connection serves two requests and then closes; the third request must be
        // retried on a second connection without surfacing an error.
        let addr = canned_server(vec![vec![OK, OK], vec![OK]]).await;
        let mut connection = Connection::new(addr);
        for _ in 0..3 {
            let response = connection.send(REQUEST).await.expect("a response");
            assert_eq!(
                (response.status, response.body.as_slice()),
                (200, &b"ok"[..])
            );
        }
    }

    #[tokio::test]
    async fn a_response_cut_short_is_an_error_not_a_retry() {
        let addr = canned_server(vec![vec![
            b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nok",
        ]])
        .await;
        let mut connection = Connection::new(addr);
        let error = connection.send(REQUEST).await.expect_err("truncated body");
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }
}
