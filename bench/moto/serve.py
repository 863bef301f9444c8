"""moto_server for the scale bench (bench/README.md, "scale").

- Always: bench/terraform/moto_server.py's fix (a Region-unique DbiResourceId per DB instance, as AWS gives).
- --indexed: bench/moto/indexed.py's patches (moto's per-request scans of the whole account replaced by indexes;
  every answer unchanged, see that file).
- MOTO_PROFILE_OUT=FILE: every request profiled per operation (bench/moto/profile_hook.py), dumped on SIGUSR1 and exit.
- MOTO_OPS_OUT=FILE: one line per request, "epoch_seconds service:Operation" (no profiler, so no slowdown): which API
  bucket set a phase's pace (bench/results.md, "Terraform at 100 environments, one run").

Usage: python3 bench/moto/serve.py [--indexed] -H 127.0.0.1 -p PORT
"""
import os
import runpy
import sys

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
runpy.run_path(os.path.join(_here, "..", "terraform", "moto_server.py"), run_name="bench_terraform_fix")

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--indexed" in argv:
        argv.remove("--indexed")
        import indexed

        indexed.install()
    if os.environ.get("MOTO_PROFILE_OUT"):
        import profile_hook

        profile_hook.install(os.environ["MOTO_PROFILE_OUT"])
    if os.environ.get("MOTO_OPS_OUT"):
        import profile_hook

        profile_hook.log_operations(os.environ["MOTO_OPS_OUT"])
    sys.exit(main(argv))
