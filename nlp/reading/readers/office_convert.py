"""Legacy Word, WPS and RTF documents (and WPS/legacy spreadsheets) converted by LibreOffice.

No maintained Python library reads the binary Word 97 format (.doc) or WPS's .wps
and .et with their tables; LibreOffice does, and writes them back as .docx/.xlsx,
which the existing readers understand. It runs headless in a throwaway profile and
folder, under a time limit, and is killed with its whole process group when the
limit passes, so a hostile file can neither hang a batch nor leave files behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120
INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"
_PROGRAMS = ("soffice", "libreoffice")


class ConversionError(Exception):
    """LibreOffice is missing, or could not convert the file; the message says which."""


def libreoffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return next((found for name in _PROGRAMS if (found := shutil.which(name))), None)


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """Convert a document's bytes (named ``in<suffix>`` for LibreOffice's filter choice) to ``target`` (docx, xlsx)."""
    program = libreoffice()
    if program is None:
        raise ConversionError(f"reading {suffix} files needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as folder:
        work = Path(folder)
        source = work / f"in{suffix}"
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, work)
        converted = work / "out" / f"in.{target}"
        if not converted.is_file():
            raise ConversionError(f"LibreOffice could not convert it to .{target} (damaged or password-protected?)")
        return converted.read_bytes()


def _run(command: list[str], work: Path) -> None:
    """Run LibreOffice in its own process group; kill the group if it outlives the time limit."""
    environment = {**os.environ, "HOME": str(work)}  # nothing of the user's profile is read or written
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
        start_new_session=True,
    )
    try:
        process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ConversionError(f"LibreOffice took over {TIMEOUT_SECONDS} s to convert it; gave up") from None
