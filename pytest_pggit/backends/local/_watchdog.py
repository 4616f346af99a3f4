"""Watchdog for one local server: cleans up if pytest dies without doing so.

Run as ``python _watchdog.py PARENT_PID BASE_DIR`` (stdlib only, no package
imports).  It is started in its own session by the local backend, so it is the
child of the pytest process.  When that parent disappears (our parent pid
changes, e.g. pytest was SIGKILLed) it stops the postmaster recorded in
``BASE_DIR/data/postmaster.pid`` (SIGQUIT, then SIGKILL) and removes BASE_DIR.
It exits on its own once BASE_DIR is gone (normal cleanup by the plugin).
"""
import os
import shutil
import signal
import sys
import time


def _postmaster_pid(base_dir):
    data_dir = os.path.join(base_dir, "data")
    try:
        with open(os.path.join(data_dir, "postmaster.pid")) as fh:
            pid = int(fh.readline().strip())
    except (OSError, ValueError):
        return None
    try:  # make sure the pid is still that postmaster (pid reuse)
        with open("/proc/%d/cmdline" % pid, "rb") as fh:
            cmdline = fh.read().split(b"\0")
    except OSError:
        return None if os.path.isdir("/proc") else pid
    return pid if data_dir.encode() in cmdline else None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not alive
        with open("/proc/%d/stat" % pid) as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def cleanup(base_dir):
    pid = _postmaster_pid(base_dir)
    if pid is not None:
        for sig, wait in ((signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.kill(pid, sig)
            except OSError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.05)
            if not _alive(pid):
                break
    shutil.rmtree(base_dir, ignore_errors=True)


def main(argv):
    parent, base_dir = int(argv[1]), argv[2]
    while True:
        if not os.path.isdir(base_dir):
            return 0
        if os.getppid() != parent:
            cleanup(base_dir)
            return 0
        time.sleep(0.2)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the plugin or a dead parent ends us
    sys.exit(main(sys.argv))
