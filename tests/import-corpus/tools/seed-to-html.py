#!/usr/bin/env python3
"""Makes the Word form of the seed plan: the seed text (tests/data/seed-2023.txt, text
extracted from the cell's signed Word document) written back as the HTML a word processor
would hold, so that LibreOffice can save it as .docx:

    python3 seed-to-html.py ../../data/seed-2023.txt > seed.html
    soffice --headless --convert-to docx:"MS Word 2007 XML" seed.html

Paragraphs are the blank-line separated blocks with the extraction's broken lines joined
(a line continuing in lower case continues the line before); "- " lines are their own
paragraphs; the month table (tab rows) is a real table whose cells hold one paragraph per
activity ("- " followed by a capital starts the next one); **bold** and *italic* become
<b> and <i>. The wording is not changed."""
import html
import re
import sys


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text, flags=re.S)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def paragraphs(block):
    out = []
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        continues = out and line[0].islower() and not line.startswith("- ")
        if continues:
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def cell_items(raw):
    """The activities of a month cell: a dash, white space, then a capital starts one."""
    raw = re.sub(r"<[^>]+>", "", raw).strip()
    items, start = [], 0
    for m in re.finditer(r"-\s+(\S)", raw):
        if m.group(1).isupper():
            items.append(raw[start:m.start()])
            start = m.start(1)
    items.append(raw[start:])
    return ["- " + i.strip() for i in items if i.strip()]


def main(path):
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text)
    body = []
    rows = []
    for block in blocks:
        lines = [l for l in block.split("\n") if l.strip()]
        if lines and all("\t" in l for l in lines):
            rows.extend(l.split("\t", 1) for l in lines)
            continue
        if rows:
            body.append(table(rows))
            rows = []
        # Bold over several lines ("**KẾ HOẠCH\nHOẠT ĐỘNG …**") is bold on each line.
        block = re.sub(
            r"\*\*(.+?)\*\*",
            lambda m: "\n".join(f"**{l}**" if l.strip() else l for l in m.group(1).split("\n")),
            block,
            flags=re.S,
        )
        for p in paragraphs(block):
            body.append(f"<p>{inline(p)}</p>")
    if rows:
        body.append(table(rows))
    print('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>')
    print("\n".join(body))
    print("</body></html>")


def table(rows):
    out = ['<table border="1">']
    for month, content in rows:
        items = cell_items(content) if "<ul" in content or "- " in content else [content]
        cells = "".join(f"<p>{inline(i)}</p>" for i in items)
        out.append(f"<tr><td><p>{inline(month.strip())}</p></td><td>{cells}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


if __name__ == "__main__":
    main(sys.argv[1])
