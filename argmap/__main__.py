"""``python -m argmap`` and the ``argmap`` script: the command-line tool as a process of its own."""

import atexit
import gc
import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    """Run the CLI (:func:`argmap.cli.main`) as one short process, and end it at once.

    A command's objects either die by reference counting or live until the process ends, so
    two of the interpreter's chores are only cost here:

    * the cyclic garbage collector, which would walk them again and again while the modules
      load and after a big map is built (2% of `render` at 10k claims): it is off;
    * the interpreter's teardown, which collects and frees every module, function and object
      one by one before the operating system takes the memory back anyway (about 30 ms, a
      fifth of a small map's run): :func:`_end` skips it, as mypy's fast exit does.

    Code that embeds argmap calls the library, or :func:`argmap.cli.main`, with neither.
    """
    gc.disable()
    from argmap.cli import main as run

    try:
        run()
    except SystemExit as exc:
        _end(_status(exc.code))
    _end(0)


def _status(code: object) -> int:
    """The exit status for ``sys.exit(code)``, as Python gives it (a message is printed)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _end(status: int) -> NoReturn:
    """End the process with ``status`` after what a normal exit does that anyone can see: the
    ``atexit`` functions run and the standard streams are flushed; only the teardown is left out.

    While a thread Python would wait for is still running, the exit is the normal one."""
    threading = sys.modules.get("threading")
    if threading is not None and any(
        not t.daemon and t.is_alive() for t in threading.enumerate() if t is not threading.main_thread()
    ):
        sys.exit(status)
    from argmap.cli.common import EXIT_FINDINGS, EXIT_USAGE  # loaded already, by argmap.cli

    atexit._run_exitfuncs()  # the interpreter's own exit step, which os._exit skips
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (argmap ... | head): as argmap.cli.main does
        status = status or EXIT_FINDINGS
    except OSError as exc:
        print(f"argmap: error: standard output: cannot write ({exc.strerror or exc})", file=sys.stderr)
        status = status or EXIT_USAGE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)


if __name__ == "__main__":
    main()
