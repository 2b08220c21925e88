"""bin/cluster: the portal as N instances on PostgreSQL behind HAProxy.

    bin/cluster run [--instances N]     start what is not running, create the
                                        site if missing, serve until Ctrl-C,
                                        then stop what this command started
    bin/cluster start [--instances N]   the same in the background
    bin/cluster stop                    stop what `start` started
    bin/cluster status                  PostgreSQL, nodes, HAProxy
    bin/cluster script FILE [ARGS...]   run a script with `app` like
                                        `bin/instance run` (PostgreSQL is
                                        started for it and stopped after)
    bin/cluster migrate-from-filestorage [--filestorage Data.fs --blobs DIR] [--clear]
    bin/cluster migrate-to-filestorage --filestorage Data.fs --blobs DIR [--clear]
                                        move the site's database between the
                                        embedded FileStorage and the cluster
                                        (migration.py)
    bin/cluster backup                  dump both databases into a new backup
                                        (backup.py); delete expired ones
    bin/cluster [--date YYYY-MM-DD-hh-mm-ss] restore
                                        restore the newest backup (not younger
                                        than the date, UTC); cluster stopped

Options (--instances, --var, --http-port, --postgres-port, --bind,
--backup-dir, --keep-days, --date) come before the command.
`make run-cluster INSTANCES=N` calls `bin/cluster run`.
"""

import argparse
import os
import signal
import sys
import threading

from mittelangeln.policy.cluster import backup
from mittelangeln.policy.cluster.migration import MIGRATION_COMMANDS
from mittelangeln.policy.cluster.migration import MigrationError
from mittelangeln.policy.cluster.migration import migrate
from mittelangeln.policy.cluster.nodes import ROOT
from mittelangeln.policy.cluster.nodes import Cluster
from mittelangeln.policy.cluster.nodes import ClusterError
from mittelangeln.policy.cluster.postgres import PostgresError


INSTANCES_VARIABLE = "MITTELANGELN_INSTANCES"
BACKUP_COMMANDS = ("backup", "restore")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bin/cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", choices=("run", "start", "stop", "status", "script", *MIGRATION_COMMANDS, *BACKUP_COMMANDS)
    )
    parser.add_argument("script", nargs="?", help="bei script: die Python-Datei")
    parser.add_argument("script_arguments", nargs=argparse.REMAINDER, help="bei script: ihre Argumente")
    parser.add_argument(
        "--instances",
        type=int,
        default=int(os.environ.get(INSTANCES_VARIABLE, "2")),
        help="Zahl der Zope-Instanzen (Standard 2 oder $MITTELANGELN_INSTANCES)",
    )
    parser.add_argument("--var", help="Datenverzeichnis (Standard var/cluster)")
    parser.add_argument("--http-port", type=int, help="Port von HAProxy (Standard 8080; Knoten K: Port + K)")
    parser.add_argument("--postgres-port", type=int, help="Port von PostgreSQL (Standard 15432)")
    parser.add_argument("--bind", default="0.0.0.0", help="Adresse, an der HAProxy lauscht (Standard alle)")
    parser.add_argument(
        "--backup-dir",
        default=os.environ.get("MITTELANGELN_CLUSTER_BACKUP_DIR") or ROOT / "var" / "backups" / "cluster",
        help="Verzeichnis der Cluster-Sicherungen (Standard var/backups/cluster)",
    )
    parser.add_argument(
        "--keep-days",
        type=float,
        default=float(os.environ.get("BACKUP_KEEP_DAYS") or 14),
        help="ältere Sicherungen werden nach einer Sicherung gelöscht (Standard 14 oder $BACKUP_KEEP_DAYS)",
    )
    parser.add_argument("--date", help="bei restore: der Stand zu diesem Zeitpunkt (UTC, YYYY-MM-DD-hh-mm-ss)")
    arguments = parser.parse_args(argv)
    if arguments.instances < 1:
        parser.error("--instances: mindestens 1")
    if (arguments.command == "script") != bool(arguments.script):
        parser.error("script braucht eine Datei, die anderen Befehle keine")
    return arguments


def node_environment(number):
    """Node 1 runs the periodic tasks (hot folder, mailboxes, digests): one
    runner, so nothing is taken in or sent twice. Every node converts."""
    env = os.environ.copy()
    if number > 1:
        env["MITTELANGELN_PERIODIC_TASKS"] = "0"
    return env


def create_site(cluster):
    print(cluster.node(1).run_script(ROOT / "scripts" / "create_site.py"), end="")


def status(cluster):
    print(f"PostgreSQL ({cluster.postgres.data}): {'läuft' if cluster.postgres.is_running() else 'gestoppt'}")
    for number in range(1, 33):
        node = cluster.node(number)
        if not node.directory.exists():
            break
        code, answer = node.health()
        state = "gestoppt" if code is None else f"HTTP {code} {answer.get('status') if answer else ''}".strip()
        print(f"Knoten {number} ({node.url}): {state}")
    balancer = cluster.balancer
    print(f"HAProxy ({cluster.url}): {'läuft' if balancer.is_running() else 'gestoppt'}")
    if balancer.is_running():
        for name, state in sorted(balancer.server_states().items()):
            print(f"  {name}: {state}")


def run_script(cluster, script, script_arguments):
    """The script on node 1's configuration; PostgreSQL runs meanwhile
    (recorded, so `bin/cluster stop` stops it if this is interrupted)."""
    started = cluster.postgres.start()
    if started:
        cluster.record({"postgres": True, "nodes": [], "balancer": False})
    try:
        cluster.node(1).run_script(script, arguments=script_arguments, capture=False, timeout=None)
    finally:
        if started:
            cluster.stop()
    return 0


def backup_or_restore(cluster, arguments):
    if arguments.command == "backup":
        target, expired = backup.backup(cluster, arguments.backup_dir, arguments.keep_days)
        for path in expired:
            print(f"Alte Sicherung gelöscht: {path}")
        print(f"Sicherung abgeschlossen: {target}")
        return 0
    source, state_restored = backup.restore(cluster, arguments.backup_dir, arguments.date)
    if not state_restored:
        print("Zugriffsprotokoll und Anmeldesperren nicht zurückgesetzt: die Datenbank enthält Einträge.")
    print(f"Wiederhergestellt aus {source}")
    return 0


def interrupt(*_):
    raise KeyboardInterrupt


def serve(cluster, arguments):
    """`start` and `run`: whatever fails or is interrupted while starting is
    stopped again (nodes run in sessions of their own: Ctrl+C does not reach
    them); `run` serves until Ctrl+C or SIGTERM and then stops it all."""
    signal.signal(signal.SIGTERM, interrupt)
    try:
        cluster.start(instances=arguments.instances, node_env=node_environment, prepare=create_site)
        print(f"Portal mit {arguments.instances} Instanzen: http://localhost:{cluster.http_port}/Mittelangeln")
        if arguments.command == "start":
            return 0
        print("Beenden mit Strg+C.")
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    except BaseException:
        stop_undisturbed(cluster)
        raise
    stop_undisturbed(cluster)
    print("Cluster gestoppt.")
    return 0


def stop_undisturbed(cluster):
    """Stop the cluster; a second Ctrl+C must not leave half of it running."""
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, signal.SIG_IGN)
    cluster.stop()


def main(argv=None):
    arguments = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        cluster = Cluster(var=arguments.var, http_port=arguments.http_port, postgres_port=arguments.postgres_port)
        cluster.balancer.bind = arguments.bind
        if arguments.command == "status":
            status(cluster)
            return 0
        if arguments.command == "script":
            return run_script(cluster, arguments.script, arguments.script_arguments)
        if arguments.command in BACKUP_COMMANDS:
            return backup_or_restore(cluster, arguments)
        if arguments.command in MIGRATION_COMMANDS:
            return migrate(cluster, arguments.command, arguments.script_arguments)
        if arguments.command == "stop":
            cluster.stop()
            print("Cluster gestoppt.")
            return 0
        return serve(cluster, arguments)
    except (ClusterError, PostgresError, MigrationError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
