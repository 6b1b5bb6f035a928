"""Frappe re-imports a standard record other than a DocType (a report, a workspace, an onboarding
step, a print format, a chart) on migrate only when its file's `modified` is newer than the site's:
a change committed without a new `modified` never reaches a site installed before it (a staff role
added to a report's roles stayed off every upgraded site). DocTypes are compared by a hash of the
file, so they need no stamp. Checked over the repository's history: each commit that changes such
a file changes its `modified` too."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULE = "complaint_accountability/complaint_accountability"


def git(*args: str) -> str:
	return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def history_available() -> bool:
	if not shutil.which("git") or not (ROOT / ".git").exists():
		return False
	return git("rev-parse", "--is-shallow-repository").strip() == "false"


def versions(path: str) -> list[tuple[str, dict]]:
	"""Each committed version of the file, newest first."""
	found = []
	for commit in git("log", "--format=%H", "--", path).split():
		try:
			found.append((commit[:7], json.loads(git("show", f"{commit}:{path}"))))
		except (subprocess.CalledProcessError, json.JSONDecodeError):
			continue  # not there in that commit, or not JSON then
	return found


def standard_records() -> list[str]:
	paths = []
	for path in sorted(git("ls-files", f"{MODULE}/*.json").split()):
		doc = json.loads((ROOT / path).read_text(encoding="utf-8"))
		if isinstance(doc, dict) and "modified" in doc and doc.get("doctype") != "DocType":
			paths.append(path)
	return paths


@pytest.mark.skipif(not history_available(), reason="needs the repository's full git history")
def test_a_site_installed_at_any_earlier_commit_takes_each_standard_records_change():
	"""Its file now is newer (`modified`) than every committed version whose content differs."""
	records = standard_records()
	assert any("/report/" in p for p in records) and any("/workspace/" in p for p in records)
	stale = []
	for path in records:
		now = json.loads((ROOT / path).read_text(encoding="utf-8"))
		content = {k: v for k, v in now.items() if k != "modified"}
		for commit, older in versions(path):
			if {k: v for k, v in older.items() if k != "modified"} != content and str(
				older.get("modified")
			) >= str(now.get("modified")):
				stale.append(f"{path} (differs from {commit} without a later modified)")
				break
	assert not stale, "a migrate would skip these: " + "; ".join(stale)
