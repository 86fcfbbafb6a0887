import io
import json
from pathlib import Path

import pytest

from generator.mof.mot_yaml import MotFileError, classify_files, load_mot_yaml, main_classify

MODELS = Path(__file__).parent / "fixtures" / "models"
OLMO, LLAMA = MODELS / "OLMo-7B.yml", MODELS / "Llama-3-8B.yml"


@pytest.mark.parametrize(("content", "message"), [
    (b"- a\n- b\n", "expected a YAML mapping, found list"),
    (b"", "expected a YAML mapping, found NoneType"),
    (b"release: [unclosed\n", "not valid YAML"),
    (b"release: !!python/object/apply:os.system ['true']\n", "not valid YAML"),  # safe_load refuses
    (b"\xff\xfe\x00", "not UTF-8 text"),
])
def test_unreadable_files_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.yml"
    path.write_bytes(content)
    with pytest.raises(MotFileError, match=message) as caught:
        load_mot_yaml(path)
    assert str(path) in str(caught.value)


def test_missing_file_and_directory(tmp_path):
    for path in (tmp_path / "nope.yml", tmp_path):
        with pytest.raises(MotFileError, match="cannot read"):
            load_mot_yaml(path)


def test_classify_files_yields_one_dict_per_file():
    assert list(classify_files([str(OLMO), LLAMA])) == [
        {"file": str(OLMO), "class": 1, "progress": {"1": 100.0, "2": 100.0, "3": 100.0}},
        {"file": str(LLAMA), "class": 0, "progress": {"1": 0.0, "2": 0.0, "3": 0.0}},
    ]


def test_classify_files_rejects_a_mapping_that_is_not_a_model(tmp_path):
    path = tmp_path / "other.yml"
    path.write_text("name: not a MOT file\n")
    with pytest.raises(MotFileError, match=r"other\.yml: not a MOT model file: release must be a mapping"):
        list(classify_files([path]))


def test_main_classify_prints_json_lines():
    out, err = io.StringIO(), io.StringIO()
    assert main_classify([str(OLMO), str(LLAMA)], out, err) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["file"], line["class"]) for line in lines] == [(str(OLMO), 1), (str(LLAMA), 0)]
    assert err.getvalue() == ""


def test_main_classify_reports_bad_files_and_carries_on(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("- not a mapping\n")
    out, err = io.StringIO(), io.StringIO()
    assert main_classify([str(bad), str(OLMO)], out, err) == 1
    assert len(out.getvalue().splitlines()) == 1
    assert err.getvalue().startswith(f"atlas mof classify: {bad}: ")


def test_main_classify_defaults_to_stdout(capsys):
    assert main_classify([str(LLAMA)]) == 0
    assert json.loads(capsys.readouterr().out)["progress"]["3"] == 0.0
