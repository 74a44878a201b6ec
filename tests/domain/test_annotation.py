def test_default_bookmark_name_is_heading_and_first_words():
    from reader.domain.annotation import BOOKMARK_NAME_CHARS, default_bookmark_name

    assert default_bookmark_name("一、主要做法", "上海市依托试点平台  深化仲裁服务改革创新，扩大仲裁领域对外开放") == (
        "一、主要做法：上海市依托试点平台 深化仲裁服务…"  # 16 characters, the space included
    )
    assert BOOKMARK_NAME_CHARS == 16
    assert default_bookmark_name("", "短句") == "短句"
    assert default_bookmark_name("二、实践效果", "") == "二、实践效果"
