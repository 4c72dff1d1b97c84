//! The little-endian, gzip-compressed byte format of models and cluster tables.

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};

#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a {expected} file (magic {found:?})")]
    Magic {
        expected: &'static str,
        found: [u8; 8],
    },
    #[error("file ends early")]
    Truncated,
    #[error("bad text in file")]
    Utf8,
}

#[derive(Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    pub fn new(magic: &[u8; 8]) -> Writer {
        Writer(magic.to_vec())
    }
    pub fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    pub fn u16(&mut self, x: u16) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn f32(&mut self, x: f32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn gzip(self) -> std::io::Result<Vec<u8>> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&self.0)?;
        enc.finish()
    }
}

pub struct Reader {
    buf: Vec<u8>,
    at: usize,
}

impl Reader {
    /// Decompresses `gz` and checks that it starts with `magic`.
    pub fn open(gz: &[u8], magic: &[u8; 8], what: &'static str) -> Result<Reader, FormatError> {
        let mut buf = Vec::new();
        GzDecoder::new(gz).read_to_end(&mut buf)?;
        let mut r = Reader { buf, at: 0 };
        let found: [u8; 8] = r.take(8)?.try_into().unwrap();
        if &found != magic {
            return Err(FormatError::Magic {
                expected: what,
                found,
            });
        }
        Ok(r)
    }
    fn take(&mut self, n: usize) -> Result<&[u8], FormatError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or(FormatError::Truncated)?;
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, FormatError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn str(&mut self) -> Result<String, FormatError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| FormatError::Utf8)
    }
}
