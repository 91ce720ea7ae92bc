//! Tests of the package: relationships, and the errors for files that are not a readable
//! Word document (or are built to exhaust memory), and damaged copies.

use std::io::Read;

use zip::ZipArchive;

use super::*;
use crate::import::docx::package::{CFB_MAGIC, read_limited, rels_path, resolve_target};
use crate::import::docx::test_builder;

#[test]
fn main_part_is_found_through_the_package_relationships() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../custom/st.xml"/></Relationships>"#;
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        styled_p("B", &r("Đậm"))
    );
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="B"><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
    );
    let bytes = zip_parts(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/document2.xml", document.as_bytes()),
        ("word/_rels/document2.xml.rels", doc_rels.as_bytes()),
        ("custom/st.xml", styles.as_bytes()),
    ]);
    assert_eq!(texts(&read_ok(&bytes)), ["**Đậm**"]);
    assert_eq!(
        resolve_target("word/document.xml", "numbering.xml"),
        "word/numbering.xml"
    );
    assert_eq!(
        rels_path("word/document.xml"),
        "word/_rels/document.xml.rels"
    );
}

#[test]
fn error_empty_file() {
    let d = read_err(b"");
    assert_eq!(d.message, "the file is empty");
    assert!(d.hint.is_some());
}

#[test]
fn error_text_file_renamed() {
    let d = read_err("KẾ HOẠCH\nNăm 2023\n".as_bytes());
    assert_eq!(d.message, "not a Word document (.docx): it is a text file");
    assert!(d.hint.unwrap().contains(".txt"));
    let d = read_err(b"%PDF-1.7 ...");
    assert_eq!(d.message, "not a Word document (.docx): it is a PDF file");
}

#[test]
fn error_old_doc_or_encrypted_docx() {
    let mut bytes = CFB_MAGIC.to_vec();
    bytes.extend([0u8; 504]);
    let d = read_err(&bytes);
    assert!(d.message.contains("Word 97-2003"), "{}", d.message);
    assert!(d.message.contains("password-protected"), "{}", d.message);
    assert!(d.hint.unwrap().contains("remove the password"));
}

#[test]
fn error_encrypted_zip_entry() {
    let mut bytes = docx(&p(&r("bí mật")), None, None);
    // Set bit 0 (encrypted) of the flags in every local (offset 6) and central
    // (offset 8) header.
    let mut i = 0;
    while i + 4 <= bytes.len() {
        match &bytes[i..i + 4] {
            [b'P', b'K', 3, 4] => bytes[i + 6] |= 1,
            [b'P', b'K', 1, 2] => bytes[i + 8] |= 1,
            _ => {}
        }
        i += 1;
    }
    let d = read_err(&bytes);
    assert_eq!(d.message, "the document is password-protected");
    assert!(d.hint.unwrap().contains("remove the password"));
}

#[test]
fn error_corrupt_zip() {
    let bytes = docx(&p(&r("Kế hoạch")), None, None);
    let d = read_err(&bytes[..bytes.len() / 2]);
    assert!(
        d.message.starts_with("the Word document is corrupt"),
        "{}",
        d.message
    );

    // A damaged byte in the compressed document.
    let mut bytes = bytes;
    let start = bytes
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap()
        + 17;
    for b in &mut bytes[start..start + 12] {
        *b ^= 0x5A;
    }
    let d = read_err(&bytes);
    assert!(
        d.message.starts_with("the Word document is corrupt"),
        "{}",
        d.message
    );
}

#[test]
fn error_zip_without_document() {
    let d = read_err(&zip_parts(&[("xl/workbook.xml", b"<workbook/>")]));
    assert_eq!(
        d.message,
        "not a Word document (.docx): it is an Excel workbook (.xlsx)"
    );
    let d = read_err(&zip_parts(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]));
    assert_eq!(
        d.message,
        "not a Word document (.docx): it is an OpenDocument text (.odt)"
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let d = read_err(&zip_parts(&[
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", b"<workbook><sheets/></workbook>"),
    ]));
    assert_eq!(
        d.message,
        "not a Word document (.docx): it is an Excel workbook (.xlsx)"
    );
    let d = read_err(&zip_parts(&[("word/document.xml", b"<html>hi</html>")]));
    assert_eq!(
        d.message,
        "not a Word document (.docx): its word/document.xml holds no Word document"
    );
    let d = read_err(&zip_parts(&[("readme.txt", b"hi")]));
    assert_eq!(
        d.message,
        "not a Word document (.docx): the zip archive has no word/document.xml"
    );
}

#[test]
fn error_malformed_xml() {
    let bytes = zip_parts(&[(
        "word/document.xml",
        format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"#).as_bytes(),
    )]);
    let d = read_err(&bytes);
    assert!(
        d.message
            .starts_with("the Word document is corrupt: word/document.xml: "),
        "{}",
        d.message
    );
    let bytes = zip_parts(&[(
        "word/document.xml",
        format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>x"#).as_bytes(),
    )]);
    assert!(read_err(&bytes).message.contains("corrupt"));
    let bytes = zip_parts(&[("word/document.xml", b"<a>&bogus;</a>")]);
    assert!(read_err(&bytes).message.contains("bogus"));
    let bytes = zip_parts(&[("word/document.xml", b"<a>\xff\xfe\xfd</a>")]);
    assert!(read_err(&bytes).message.contains("UTF-8"));
    let bytes = docx(&p(&r("x")), Some("<w:num"), None);
    assert!(read_err(&bytes).message.contains("word/numbering.xml"));
}

/// A zip of one deflated entry, written by hand so that its headers can claim any
/// uncompressed size (the CRC is not checked before the size).
fn zip_deflated(name: &str, deflated: &[u8], claimed_size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let header = |out: &mut Vec<u8>| {
        out.extend(8u16.to_le_bytes()); // deflate
        out.extend([0, 0, 0x21, 0]); // time, date (1980-01-01)
        out.extend(0u32.to_le_bytes()); // CRC
        out.extend((deflated.len() as u32).to_le_bytes());
        out.extend(claimed_size.to_le_bytes());
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes()); // extra field length
    };
    out.extend(b"PK\x03\x04\x14\x00\x00\x00");
    header(&mut out);
    out.extend(name.as_bytes());
    out.extend(deflated);
    let directory = out.len() as u32;
    out.extend(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
    header(&mut out);
    out.extend([0u8; 14]); // comment length, disk, attributes, local header offset 0
    out.extend(name.as_bytes());
    let directory_size = out.len() as u32 - directory;
    out.extend(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    out.extend(directory_size.to_le_bytes());
    out.extend(directory.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `n` spaces (n ≥ 1): a literal, then copies of 258 bytes at
/// distance 1 (13 bits each) in one block with the fixed Huffman codes.
fn deflated_spaces(n: usize) -> Vec<u8> {
    /// Bits, least significant first; Huffman codes go in most significant bit first.
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, len: u32) {
            self.acc |= value << self.len;
            self.len += len;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        fn code(&mut self, code: u32, len: u32) {
            self.put(code.reverse_bits() >> (32 - len), len);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    let space = 0x30 + u32::from(b' ');
    bits.code(space, 8);
    let mut left = n - 1;
    while left >= 258 {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.code(space, 8);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7); // flush
    bits.out
}

#[test]
fn error_zip_bomb() {
    let size: usize = 65 << 20;
    let deflated = deflated_spaces(size);
    assert!(deflated.len() < 1 << 20, "{}", deflated.len());
    let honest = zip_deflated("word/document.xml", &deflated, size as u32);
    // The stream is real: it inflates to spaces.
    let mut zip = ZipArchive::new(Cursor::new(&honest[..])).unwrap();
    let mut start = vec![0u8; 1 << 16];
    zip.by_name("word/document.xml")
        .unwrap()
        .read_exact(&mut start)
        .unwrap();
    assert!(start.iter().all(|b| *b == b' '));

    // Honest headers: refused from the size they claim.
    let d = read_err(&honest);
    assert_eq!(
        d.message,
        "the document is too large: word/document.xml unpacks to more than 64 MiB"
    );
    // Headers claiming 100 bytes: the zip reader stops there (and the CRC is wrong).
    let d = read_err(&zip_deflated("word/document.xml", &deflated, 100));
    assert!(d.message.contains("corrupt"), "{}", d.message);
    // A reader that gives more than it should: cut off at the limit.
    let endless = std::io::repeat(b' ').take(5000);
    assert!(read_limited(endless, 4096).unwrap().is_none());
    let small = std::io::repeat(b' ').take(4096);
    assert_eq!(read_limited(small, 4096).unwrap().unwrap().len(), 4096);
}

/// Damaged copies of a document (bytes of the zip, or of its XML, changed at random):
/// each reads or gives an error, never a panic.
fn damaged_documents_never_panic(rounds: usize) {
    let document = test_builder::Docx::new()
        .heading(1, "KẾ HOẠCH")
        .outline(0, "ĐẶC ĐIỂM")
        .bullet(1, "một")
        .table(&[vec![
            test_builder::CellSpec::text("a").merge_down().span(2),
            test_builder::CellSpec::bullets(&["x"]),
        ]])
        .text("cuối");
    let bytes = document.bytes();
    let xml = document.document_xml().into_bytes();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..rounds {
        let mut damaged = if round % 2 == 0 {
            bytes.clone()
        } else {
            xml.clone()
        };
        for _ in 0..1 + next(4) {
            if damaged.len() < 2 {
                break;
            }
            let at = next(damaged.len());
            match next(3) {
                0 => damaged[at] = next(256) as u8,
                1 => {
                    damaged.remove(at);
                }
                _ => damaged.truncate(at.max(1)),
            }
        }
        if round % 2 == 1 {
            damaged = zip_parts(&[("word/document.xml", &damaged)]);
        }
        let _ = read(Path::new("damaged.docx"), &damaged);
    }
}

#[test]
fn damaged_documents_give_errors_not_panics() {
    damaged_documents_never_panic(400);
}

#[test]
#[ignore = "slow: run with --release --ignored"]
fn damaged_documents_give_errors_not_panics_long() {
    damaged_documents_never_panic(200_000);
}
