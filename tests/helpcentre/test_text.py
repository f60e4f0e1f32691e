"""Help pages are Markdown, and what readers get can carry nothing that runs."""

from __future__ import annotations

from helpcentre.text import plain_text, render_markdown


def test_script_tags_and_their_content_are_removed() -> None:
    assert render_markdown("ก่อน <script>alert('x')</script> หลัง") == "<p>ก่อน  หลัง</p>"


def test_inline_event_handlers_and_style_are_removed() -> None:
    html = render_markdown(
        '<img src="x.png" onerror="alert(1)"> <a href="/help/" onclick="steal()" style="color:red">ลิงก์</a>'
    )
    assert html == '<p> <a href="/help/" rel="noopener nofollow">ลิงก์</a></p>'


def test_javascript_and_data_links_lose_their_target() -> None:
    html = render_markdown("[คลิก](javascript:alert(1)) [ข้อมูล](data:text/html,<b>x</b>)")
    assert html == '<p><a rel="noopener nofollow">คลิก</a> <a rel="noopener nofollow">ข้อมูล</a></p>'


def test_style_blocks_and_iframes_are_removed() -> None:
    assert render_markdown("<style>body{display:none}</style><iframe src='https://evil.example'></iframe>ข้อความ") == (
        "<p>ข้อความ</p>"
    )


def test_ordinary_links_get_noopener_nofollow() -> None:
    assert render_markdown("[ก.ค.ศ.](https://otepc.go.th/)") == (
        '<p><a href="https://otepc.go.th/" rel="noopener nofollow">ก.ค.ศ.</a></p>'
    )


def test_markdown_structure_survives_and_headings_start_below_the_page_title() -> None:
    html = render_markdown("# ขั้นตอน\n\n1. เข้าสู่ระบบ\n2. **ส่ง**ข้อตกลง\n\n| ข้อ | คะแนน |\n|:--|--:|\n| 1 | 60 |")
    assert html == (
        "<h2>ขั้นตอน</h2>\n<ol>\n<li>เข้าสู่ระบบ</li>\n<li><strong>ส่ง</strong>ข้อตกลง</li>\n</ol>\n"
        '<table>\n<thead>\n<tr>\n<th align="left">ข้อ</th>\n<th align="right">คะแนน</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">60</td>\n</tr>\n</tbody>\n</table>'
    )


def test_plain_text_keeps_the_words_and_unescapes_entities() -> None:
    assert plain_text(render_markdown("ครู &amp; ผู้อำนวยการ **ร่วมกัน**")) == "ครู & ผู้อำนวยการ ร่วมกัน"
