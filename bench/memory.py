"""Peak RSS of an extractor process: a fresh interpreter loads the models and extracts an article.

The peak is the kernel's VmHWM of that process: getrusage's ru_maxrss would carry over the peak of the
(much larger) benchmark process it was forked from, since Linux keeps it across exec."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from foundation import defaults

PROBE = """
import json, re, sys
from extractor.api import Extractor
from extractor.nlp import ModelConfig

def peak_kib():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", f.read()).group(1))

extractor = Extractor(ModelConfig.from_settings(threads=1)).load()
loaded = peak_kib()
extractor.extract(sys.stdin.read())
print(json.dumps({"loaded_kib": loaded, "peak_kib": peak_kib()}))
"""


def run(text: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(defaults.REPO_ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        input=text,
        capture_output=True,
        text=True,
        cwd=defaults.REPO_ROOT,
        env=env,
        check=True,
        timeout=900,
    )
    kib = json.loads(out.stdout.strip().splitlines()[-1])
    return {"rss_mib_loaded": round(kib["loaded_kib"] / 1024, 1), "rss_mib": round(kib["peak_kib"] / 1024, 1)}
