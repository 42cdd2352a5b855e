"""A Stanza model file at half size for the way back from a training machine, and back to full.

    python -m extractor.model.transport half depparse.pt depparse.half.pt   (on the training machine)
    python -m extractor.model.transport full depparse.half.pt depparse.pt   (here)

`half` stores the float32 weights under the checkpoint's "model" key as float16 (the rest: vocab,
config, history, as they are); `full` turns them back into float32. The round trip rounds each
weight to float16's 11 significant bits: the model that comes back is that rounded one, and it is
the one to evaluate and ship. Needs torch only (no Stanza).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def _convert(checkpoint: dict[str, Any], src: Any, dst: Any) -> dict[str, Any]:
    model = checkpoint["model"]
    checkpoint["model"] = {k: v.to(dst) if hasattr(v, "dtype") and v.dtype == src else v for k, v in model.items()}
    return checkpoint


def convert(src_file: Path, dst_file: Path, direction: str) -> None:
    import torch

    checkpoint = torch.load(src_file, map_location="cpu", weights_only=True)
    if direction == "half":
        _convert(checkpoint, torch.float32, torch.float16)
    elif direction == "full":
        _convert(checkpoint, torch.float16, torch.float32)
    else:
        raise ValueError(f"unknown direction {direction!r}: half or full")
    torch.save(checkpoint, dst_file, _use_new_zipfile_serialization=False)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] not in ("half", "full"):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    convert(Path(args[1]), Path(args[2]), args[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
