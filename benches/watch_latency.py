#!/usr/bin/env python3
"""Save-to-output latency of `brief watch`, `brief preview` and `typst watch`, in one run.

Each tool watches the flagship brief. A round saves a one-word edit and times how long
until the tool's output is new:

* `brief watch`: the spec's title is edited; the output is the PDF, replaced.
* `brief preview`: the same edit; the output is the new view, answered on /view after
  the page is told (server-sent event) that the inputs changed.
* `typst watch`: the same document (`brief templates export` and the flagship's
  `--emit-data`), its `brief.json` title edited; the output is the PDF, rewritten.

Usage: benches/watch_latency.py [ROUNDS]  (environment: BRIEF, TYPST, RESULTS)
Writes a Markdown table to stdout and to $RESULTS/watch-latency.md.
"""

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
WARM_UP = 2
BRIEF = os.path.abspath(os.environ.get("BRIEF", "target/release/brief"))
TYPST = os.environ.get("TYPST") or shutil.which("typst")
RESULTS = os.environ.get("RESULTS", "benches/results")
SPEC = os.path.abspath("briefs/bnpt-international-2021-2024.toml")
AS_OF = "2026-12-06"
PATIENCE = 30.0


def stamp(path):
    """What changes when a file is replaced or rewritten."""
    try:
        s = os.stat(path)
        return (s.st_ino, s.st_mtime_ns, s.st_size)
    except FileNotFoundError:
        return None


def wait_for_change(path, before, started):
    """Polls `path` every millisecond until its stamp differs from `before`."""
    while time.monotonic() - started < PATIENCE:
        now = stamp(path)
        if now is not None and now != before:
            return time.monotonic()
        time.sleep(0.001)
    raise TimeoutError(f"{path} did not change")


def rounds(edit):
    """Runs the rounds: `edit(n)` saves and returns when it started and when the output
    was new. Returns the latencies in milliseconds, warm-up rounds dropped."""
    times = []
    for n in range(WARM_UP + ROUNDS):
        time.sleep(0.6)  # every tool quiet again
        started, done = edit(n)
        times.append((done - started) * 1000)
    return times[WARM_UP:]


def spec_text(n):
    with open(SPEC, encoding="utf-8") as f:
        text = f.read()
    return text.replace(
        'title = "BNPT International Cooperation 2021–2024"',
        f'title = "BNPT International Cooperation 2021–2024 round{n}"',
    )


def save(path, text):
    """Saves as an editor that writes in place does; returns when it did."""
    started = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return started


def wait_for_start(process, path):
    """Waits until the tool's first output exists."""
    started = time.monotonic()
    while stamp(path) is None:
        if process.poll() is not None or time.monotonic() - started > 120:
            raise RuntimeError(f"{path} never appeared")
        time.sleep(0.01)
    time.sleep(1.0)


@contextlib.contextmanager
def running(command, **popen):
    """Runs `command` for the length of a `with` block, then stops it."""
    process = subprocess.Popen(command, **popen)
    try:
        yield process
    finally:
        process.terminate()
        process.wait()


def file_rounds(process, out, path, text_of):
    """The rounds of a tool whose output is the file `out`: each saves `text_of(n)` to
    `path` and waits for `out` to change."""
    wait_for_start(process, out)

    def edit(n):
        before = stamp(out)
        started = save(path, text_of(n + 1))
        return started, wait_for_change(out, before, started)

    return rounds(edit)


def brief_watch(work):
    spec, out = os.path.join(work, "s.toml"), os.path.join(work, "s.pdf")
    save(spec, spec_text(0))
    command = [BRIEF, "watch", spec, "-o", out, "--as-of", AS_OF, "-q"]
    with running(command, stderr=subprocess.DEVNULL) as process:
        return file_rounds(process, out, spec, spec_text)


def brief_preview(work):
    spec = os.path.join(work, "p.toml")
    save(spec, spec_text(0))
    command = [BRIEF, "preview", spec, "--as-of", AS_OF]
    with running(command, stderr=subprocess.PIPE, text=True) as process:
        line = process.stderr.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        base = f"http://127.0.0.1:{port}"
        generations = []
        told = threading.Condition()

        def listen():
            with urllib.request.urlopen(base + "/events") as events:
                for raw in events:
                    text = raw.decode().strip()
                    if text.startswith("data: "):
                        with told:
                            generations.append(int(text[6:]))
                            told.notify_all()

        threading.Thread(target=listen, daemon=True).start()
        urllib.request.urlopen(base + "/view").read()
        time.sleep(1.0)

        def edit(n):
            with told:
                seen = len(generations)
            started = save(spec, spec_text(n + 1))
            with told:
                told.wait_for(lambda: len(generations) > seen, timeout=PATIENCE)
            view = json.loads(urllib.request.urlopen(base + "/view").read())
            assert view["title"].endswith(f"round{n + 1}"), view
            return started, time.monotonic()

        return rounds(edit)


def typst_watch(work):
    tpl = os.path.join(work, "tpl")
    subprocess.run([BRIEF, "templates", "export", tpl], check=True, capture_output=True)
    data = os.path.join(tpl, "brief.json")
    # The spec as the other two tools read it: a copy, outside any project folder.
    spec = os.path.join(work, "f.toml")
    with open(SPEC, encoding="utf-8") as f:
        save(spec, f.read())
    subprocess.run(
        [BRIEF, "generate", spec, "--as-of", AS_OF, "-q", "--emit-data", data,
         "-o", os.path.join(work, "flagship.pdf")],
        check=True,
    )
    with open(data, encoding="utf-8") as f:
        brief = json.load(f)
    title = brief["meta"]["title"]

    def data_text(n):
        brief["meta"]["title"] = f"{title} round{n}"
        return json.dumps(brief, ensure_ascii=False)

    out = os.path.join(work, "t.pdf")
    command = [TYPST, "watch", "--root", tpl, "--font-path", os.path.join(tpl, "fonts"),
               "--ignore-system-fonts", "--ignore-embedded-fonts",
               os.path.join(tpl, "brief.typ"), out]
    with running(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        return file_rounds(process, out, data, data_text)


def row(name, times):
    return (
        f"| {name} | {statistics.median(times):.0f} | {min(times):.0f} | {max(times):.0f} "
        f"| {len(times)} |"
    )


def main():
    if not TYPST:
        sys.exit("typst is not on the PATH: cargo install typst-cli --version 0.15.1 --locked")
    version = subprocess.run([TYPST, "--version"], capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="brief-latency-")
    try:
        measured = [
            ("`brief watch`", brief_watch(work)),
            ("`brief preview`", brief_preview(work)),
            ("`typst watch`", typst_watch(work)),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        f"Save-to-output latency, ms, flagship brief as of {AS_OF}; {ROUNDS} rounds after "
        f"{WARM_UP} warm-up; {BRIEF}; {version}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| tool | median | min | max | rounds |",
        "|---|---|---|---|---|",
    ] + [row(name, times) for name, times in measured]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "watch-latency.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
