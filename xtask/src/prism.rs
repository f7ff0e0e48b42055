//! The Prism mock server (`@stoplight/prism-cli`): a pinned install into the git-ignored
//! `.prism/` folder, a start on a free loopback port, and a stop that leaves no process.
//!
//! Prism runs in its own process group, so that stopping it also stops the node processes
//! it may start. [`Prism`]'s `Drop` stops the group, whatever way the caller leaves. For
//! the ways that skip `Drop` (Ctrl-C, a kill), a small `sh` watchdog sits in the same
//! group reading a pipe only this process holds; when this process dies the pipe closes
//! and the watchdog stops the group.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The npm package, pinned: 5.14.2 is the last release that runs on Node 20.
pub const PACKAGE: &str = "@stoplight/prism-cli";
/// The pinned version of [`PACKAGE`].
pub const VERSION: &str = "5.14.2";

/// How long `npm install` may take.
const INSTALL_TIMEOUT: Duration = Duration::from_secs(300);
/// How long Prism may take to answer its first request (it needs 6–10 s on this spec).
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long Prism gets to exit after SIGTERM before SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The folder Prism is installed into.
pub fn install_dir(root: &Path) -> PathBuf {
    root.join(".prism")
}

/// Installs the pinned Prism into `<root>/.prism` with npm, unless that version is there
/// already. Returns the path of the `prism` executable and whether it had to install.
pub fn ensure_installed(root: &Path) -> Result<(PathBuf, bool), String> {
    let dir = install_dir(root);
    let bin = dir.join("node_modules/.bin/prism");
    let manifest = dir.join("node_modules/@stoplight/prism-cli/package.json");
    if bin.exists() && installed_version(&manifest).as_deref() == Some(VERSION) {
        return Ok((bin, false));
    }

    let node = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `node` ({e}): Prism needs Node.js 20 and npm on PATH"))?;
    let node_version = String::from_utf8_lossy(&node.stdout).trim().to_owned();
    println!(
        "prism: installing {PACKAGE}@{VERSION} into {} (node {node_version})",
        dir.display()
    );
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut npm = Command::new("npm")
        .arg("install")
        .arg("--prefix")
        .arg(&dir)
        .args([
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--loglevel=error",
        ])
        .arg(format!("{PACKAGE}@{VERSION}"))
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run `npm` ({e}): Prism needs Node.js 20 and npm on PATH"))?;
    let deadline = Instant::now() + INSTALL_TIMEOUT;
    let status = loop {
        match npm.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => sleep(Duration::from_millis(200)),
            Ok(None) => {
                let _ = npm.kill();
                let _ = npm.wait();
                return Err(format!(
                    "`npm install {PACKAGE}@{VERSION}` took over {} s; gave up",
                    INSTALL_TIMEOUT.as_secs()
                ));
            }
            Err(e) => return Err(format!("cannot wait for npm: {e}")),
        }
    };
    if !status.success() {
        return Err(format!(
            "`npm install {PACKAGE}@{VERSION}` failed ({status})"
        ));
    }
    match installed_version(&manifest) {
        Some(v) if v == VERSION && bin.exists() => Ok((bin, true)),
        found => Err(format!(
            "npm finished but {} is not {PACKAGE}@{VERSION} (found {found:?})",
            bin.display()
        )),
    }
}

/// The script that makes instances of a spec with json-schema-faker.
const FAKE_INSTANCES_JS: &str = "xtask/js/fake_instances.cjs";

/// How long making the instances may take (about 4 s on the merged spec).
const FAKE_TIMEOUT: Duration = Duration::from_secs(300);

/// Writes to `out` json-schema-faker's instances of `spec`'s operation parameters, request
/// bodies and component schemas (seeds 1 to 3), with the faker installed with Prism.
pub fn fake_instances(root: &Path, spec: &Path, out: &Path) -> Result<(), String> {
    let script = root.join(FAKE_INSTANCES_JS);
    let mut node = Command::new("node")
        .arg(&script)
        .arg(spec)
        .arg(out)
        .arg(install_dir(root).join("node_modules"))
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run `node {}` ({e})", script.display()))?;
    let deadline = Instant::now() + FAKE_TIMEOUT;
    loop {
        match node.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!("`node {}` failed ({status})", script.display()))
            }
            Ok(None) if Instant::now() < deadline => sleep(Duration::from_millis(100)),
            Ok(None) => {
                let _ = node.kill();
                let _ = node.wait();
                return Err(format!(
                    "`node {}` took over {} s; gave up",
                    script.display(),
                    FAKE_TIMEOUT.as_secs()
                ));
            }
            Err(e) => return Err(format!("cannot wait for node: {e}")),
        }
    }
}

/// The `version` field of a package.json, read without a JSON parser.
fn installed_version(manifest: &Path) -> Option<String> {
    let text = fs::read_to_string(manifest).ok()?;
    let after_key = &text[text.find("\"version\"")? + "\"version\"".len()..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = after_colon.strip_prefix('"')?;
    Some(value[..value.find('"')?].to_owned())
}

/// A running `prism mock`, stopped (with every process of its group) when dropped.
pub struct Prism {
    child: Child,
    pgid: u32,
    /// Held open for the watchdog; closing it (even by dying) makes the watchdog stop Prism.
    watchdog_pipe: Option<ChildStdin>,
    watchdog: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Starts `prism mock <spec> -h 127.0.0.1 -p <free port> -d` (dynamic responses), its
    /// output going to `log`, and waits until it answers HTTP. Fails with the log's tail
    /// if Prism exits or does not answer within a minute. A port taken between choosing it
    /// and Prism binding it is retried with another port.
    pub fn start(bin: &Path, spec: &Path, log: &Path) -> Result<Prism, String> {
        let mut last_error = String::new();
        for _attempt in 0..3 {
            let port = free_port()?;
            let mut prism = Prism::spawn(bin, spec, log, port)?;
            match prism.wait_ready() {
                Ok(()) => return Ok(prism),
                Err(e) => {
                    drop(prism);
                    let port_taken = fs::read_to_string(log)
                        .map(|l| l.contains("EADDRINUSE"))
                        .unwrap_or(false);
                    if !port_taken {
                        return Err(e);
                    }
                    last_error = e;
                }
            }
        }
        Err(last_error)
    }

    fn spawn(bin: &Path, spec: &Path, log: &Path, port: u16) -> Result<Prism, String> {
        let out = File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
        let child = Command::new(bin)
            .arg("mock")
            .arg(spec)
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-d"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let pgid = child.id();
        let mut prism = Prism {
            child,
            pgid,
            watchdog_pipe: None,
            watchdog: None,
            port,
            log: log.to_path_buf(),
        };
        // `read` returns at end of input: when this process closes the pipe or dies.
        let watchdog = Command::new("sh")
            .args([
                "-c",
                "read _ignored; kill -s TERM -- \"-$1\" 2>/dev/null",
                "sh",
            ])
            .arg(pgid.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(i32::try_from(pgid).unwrap_or(0))
            .spawn();
        match watchdog {
            Ok(mut w) => {
                prism.watchdog_pipe = w.stdin.take();
                prism.watchdog = Some(w);
            }
            Err(e) => eprintln!(
                "prism: warning: no watchdog ({e}); if this process is killed, stop process group {pgid} by hand"
            ),
        }
        Ok(prism)
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    return Err(format!(
                        "Prism exited ({status}) before answering on port {}. End of {}:\n{}",
                        self.port,
                        self.log.display(),
                        self.log_tail()
                    ))
                }
                Ok(None) => {}
                Err(e) => return Err(format!("cannot watch Prism: {e}")),
            }
            if answers_http(self.port) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "Prism did not answer on port {} within {} s. End of {}:\n{}",
                    self.port,
                    START_TIMEOUT.as_secs(),
                    self.log.display(),
                    self.log_tail()
                ));
            }
            sleep(Duration::from_millis(200));
        }
    }

    /// `http://127.0.0.1:<port>`: Prism ignores the spec's server path, so this is the base
    /// URL clients use.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The last lines Prism wrote.
    pub fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    fn signal_group(&self, signal: &str) {
        let _ = Command::new("sh")
            .args(["-c", "kill -s \"$1\" -- \"-$2\" 2>/dev/null", "sh", signal])
            .arg(self.pgid.to_string())
            .stdin(Stdio::null())
            .status();
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.signal_group("TERM");
            let deadline = Instant::now() + STOP_GRACE;
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                sleep(Duration::from_millis(50));
            }
        }
        // Whatever is left of the group (node children, the watchdog) goes too.
        self.signal_group("KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop(self.watchdog_pipe.take());
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read the free port: {e}"))
}

/// Whether something answers an HTTP request on the port (any status will do).
fn answers_http(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let request = "GET /__xtask_ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 8];
    matches!(stream.read_exact(&mut head), Ok(())) && head.starts_with(b"HTTP/1.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_of_a_package_json() {
        let dir = std::env::temp_dir().join(format!("xtask-prism-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let manifest = dir.join("package.json");
        fs::write(
            &manifest,
            "{\n  \"name\": \"x\",\n  \"version\" : \"5.14.2\",\n}",
        )
        .unwrap();
        assert_eq!(installed_version(&manifest).as_deref(), Some("5.14.2"));
        fs::write(&manifest, "{}").unwrap();
        assert_eq!(installed_version(&manifest), None);
        assert_eq!(installed_version(&dir.join("missing.json")), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_free_port_is_free_and_nothing_answers_there() {
        let port = free_port().unwrap();
        assert_ne!(port, 0);
        assert!(!answers_http(port));
    }

    /// A server on a free port that reads one request and answers with `reply` (nothing,
    /// for an empty one) before closing.
    fn serve_once(reply: &'static [u8]) -> u16 {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 256];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(reply);
            }
        });
        port
    }

    #[test]
    fn answers_http_tells_an_http_server_from_one_that_says_nothing() {
        assert!(answers_http(serve_once(b"HTTP/1.1 200 OK\r\n\r\n")));
        assert!(!answers_http(serve_once(b"")));
    }
}
