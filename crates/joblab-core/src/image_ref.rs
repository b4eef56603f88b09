//! Container image references as the API server's defaulting reads them: `ParseNormalizedNamed`
//! and `Parse` of github.com/distribution/reference v0.6.0 (`normalize.go`, `reference.go`,
//! `regexp.go`), with the digest checks of github.com/opencontainers/go-digest v1.0.0, which is
//! what k/k `pkg/util/parsers.ParseImageName` calls for `SetDefaults_Container`.
//!
//! The grammar is the library's regular expressions, matched by hand:
//!
//! ```text
//! reference := name [ ":" tag ] [ "@" digest ]
//! name      := [ domain-and-port "/" ] path-component { "/" path-component }
//! ```
//!
//! A tag or a digest cannot contain `/`, and a name's `:` can only be a registry port (before a
//! `/`), so the parts split without backtracking.

/// What a reference that parses carries besides its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The tag, when one is written (`1.36` of `busybox:1.36`).
    pub(crate) tag: Option<String>,
    /// The digest, when one is written (`sha256:...`).
    pub(crate) digest: Option<String>,
}

/// The longest repository path `Parse` accepts (`RepositoryNameTotalLengthMax`).
const REPOSITORY_NAME_TOTAL_LENGTH_MAX: usize = 255;

/// `ParseNormalizedNamed`: `None` where the library returns an error.
pub(crate) fn parse_normalized(s: &str) -> Option<Reference> {
    // `anchoredIdentifierRegexp`: a bare image ID is refused.
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return None;
    }
    let (domain, remainder) = split_docker_domain(s);
    // The repository is checked for case up to the first `:`, which may be a digest's.
    let remote = remainder.split(':').next().unwrap_or("");
    if remote.to_lowercase() != remote {
        return None;
    }
    parse(&format!("{domain}/{remainder}"))
}

/// `splitDockerDomain`: the registry and the rest, Docker Hub's familiar names made canonical.
fn split_docker_domain(name: &str) -> (String, String) {
    let Some((maybe_domain, maybe_remote)) = name.split_once('/') else {
        return ("docker.io".to_owned(), format!("library/{name}"));
    };
    let (domain, remote) = if maybe_domain == "localhost"
        || maybe_domain.contains(['.', ':'])
        || maybe_domain.to_lowercase() != maybe_domain
    {
        (maybe_domain, maybe_remote)
    } else if maybe_domain == "index.docker.io" {
        ("docker.io", maybe_remote)
    } else {
        ("docker.io", name)
    };
    let remote = if domain == "docker.io" && !remote.contains('/') {
        format!("library/{remote}")
    } else {
        remote.to_owned()
    };
    (domain.to_owned(), remote)
}

/// `Parse`: the whole of `ReferenceRegexp`, the path length and the digest's validity.
fn parse(s: &str) -> Option<Reference> {
    let (name_and_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    let (name, tag) = match name_and_tag.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, Some(t)),
        _ => (name_and_tag, None),
    };
    let path = repository_path(name)?;
    if path.len() > REPOSITORY_NAME_TOTAL_LENGTH_MAX {
        return None;
    }
    if let Some(tag) = tag {
        if !is_tag(tag) {
            return None;
        }
    }
    if let Some(digest) = digest {
        if !is_valid_digest(digest) {
            return None;
        }
    }
    Some(Reference {
        tag: tag.map(str::to_owned),
        digest: digest.map(str::to_owned),
    })
}

/// The path of a name that matches `namePat`, `None` when it does not match. As
/// `anchoredNameRegexp` captures it, the first component is the domain when it can be one.
fn repository_path(name: &str) -> Option<&str> {
    if let Some((domain, rest)) = name.split_once('/') {
        if is_domain_and_port(domain) && is_remote_name(rest) {
            return Some(rest);
        }
    }
    is_remote_name(name).then_some(name)
}

/// `remoteName`: path components joined by `/`.
fn is_remote_name(s: &str) -> bool {
    s.split('/').all(is_path_component)
}

/// `pathComponent`: lowercase alphanumeric runs joined by `.`, `_`, `__` or a run of `-`.
fn is_path_component(s: &str) -> bool {
    let bytes = s.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let separator = &s[start..i];
        let ok = matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `domainAndPort`: a host name (dot-separated labels) or a bracketed IPv6 address, and an
/// optional numeric port.
fn is_domain_and_port(s: &str) -> bool {
    let (host, port) = if s.starts_with('[') {
        match s.find(']') {
            Some(end) => (&s[..=end], &s[end + 1..]),
            None => return false,
        }
    } else {
        match s.split_once(':') {
            Some((h, _)) => (h, &s[h.len()..]),
            None => (s, ""),
        }
    };
    let port_ok = port.is_empty()
        || (port.len() > 1
            && port.starts_with(':')
            && port[1..].bytes().all(|b| b.is_ascii_digit()));
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        host.split('.').all(is_domain_component)
    };
    port_ok && host_ok
}

/// `domainNameComponent`: alphanumerics, with inner `-`.
fn is_domain_component(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `tag`: a word character, then up to 127 word characters, `.` or `-`.
fn is_tag(s: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes.iter().all(|b| word(*b) || *b == b'.' || *b == b'-')
}

/// `digest.Parse`: only the algorithms k/k links in (`crypto/sha256`, `crypto/sha512`) are
/// available, each with its exact length of lowercase hex.
fn is_valid_digest(s: &str) -> bool {
    let Some((algorithm, encoded)) = s.split_once(':') else {
        return false;
    };
    let length = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    encoded.len() == length
        && encoded
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
