"""`bin/import-scans DELIVERY_DIR`: import a scan-service delivery.

Opens the portal's database through its zope.conf (buildout passes the
instance's), checks the whole delivery, imports the good rows in batches and
writes every problem with its manifest line to a report file. Exit status: 0
all rows imported (or already there), 1 some rows skipped for problems, 2
nothing done (no manifest, database in use, unknown site or user).
"""

import argparse
import csv
import datetime
import pathlib
import sys

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


DEFAULT_FACHDIENST = "Fachdienst IV – Bauen und Umwelt"


def arguments(argv):
    parser = argparse.ArgumentParser(prog="import-scans", description=__doc__.split("\n")[0])
    parser.add_argument("delivery", type=pathlib.Path, help="directory with manifest.csv and the PDFs")
    parser.add_argument("--zope-conf", help="zope.conf of the instance (buildout sets it)")
    parser.add_argument("--site", default="Mittelangeln", help="id of the Plone site")
    parser.add_argument("--user", default="admin", help="account the Dokumente are created as")
    parser.add_argument("--fachdienst", default=DEFAULT_FACHDIENST, help="Fachdienst of new Bauakten")
    parser.add_argument("--batch-size", type=int, default=20, help="Dokumente per transaction")
    parser.add_argument("--report", type=pathlib.Path, help="CSV report of skipped rows")
    parser.add_argument("--check", action="store_true", help="only check, import nothing")
    return parser.parse_args(argv)


def main(zope_conf=None, argv=None):
    options = arguments(sys.argv[1:] if argv is None else argv)
    try:
        app = open_zope(options.zope_conf or zope_conf)
    except Exception as error:  # the database lock, a broken zope.conf
        return fail(_("The database cannot be opened (is the portal running?): ${error}", mapping={"error": error}))
    try:
        return run(app, options)
    finally:
        app._p_jar.close()


def open_zope(zope_conf):
    from Zope2.Startup.run import configure_wsgi

    configure_wsgi(zope_conf)
    import Zope2

    return Zope2.app()


def run(app, options):
    import transaction
    from AccessControl.SecurityManagement import newSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    from mittelangeln.policy import settings
    from mittelangeln.policy.dokumente.scanimport.delivery import check_delivery
    from mittelangeln.policy.dokumente.scanimport.delivery import import_delivery
    from mittelangeln.policy.dokumente.scanimport.manifest import ManifestError
    from mittelangeln.policy.dokumente.scanimport.progress import ProgressBar

    app = makerequest(app)
    setRequest(app.REQUEST)
    portal = app.get(options.site)
    if portal is None:
        return fail(_("There is no site “${site}”.", mapping={"site": options.site}))
    setSite(portal)
    user = app.acl_users.getUserById(options.user) or portal.acl_users.getUserById(options.user)
    if user is None:
        return fail(_("There is no user “${user}”.", mapping={"user": options.user}))
    newSecurityManager(app.REQUEST, user.__of__(app.acl_users))
    if options.fachdienst not in settings.fachdienste():
        return fail(_("Unknown Fachdienst “${name}”.", mapping={"name": options.fachdienst}))
    try:
        if options.check:
            rows, problems = check_delivery(portal, options.delivery)
            imported = skipped = 0
        else:
            result = import_delivery(
                portal,
                options.delivery,
                options.fachdienst,
                commit=transaction.commit,
                batch_size=options.batch_size,
                progress=ProgressBar("Import"),
            )
            problems, imported, skipped = result.problems, result.imported, result.skipped
            rows = ()
    except ManifestError as error:
        return fail(error.args[0])
    report = write_report(options, problems)
    say(
        _(
            "${ready} rows fine, ${imported} Dokumente imported, ${skipped} already there, "
            "${problems} problems (report: ${report}).",
            mapping={
                "ready": len(rows) if options.check else imported + skipped,
                "imported": imported,
                "skipped": skipped,
                "problems": len(problems),
                "report": report or "-",
            },
        )
    )
    return 1 if problems else 0


def write_report(options, problems):
    if not problems:
        return None
    path = options.report or pathlib.Path(f"import-report-{datetime.datetime.now():%Y%m%d-%H%M%S}.csv")
    with open(path, "w", encoding="utf-8", newline="") as report:
        writer = csv.writer(report, delimiter=";")
        writer.writerow(["zeile", "datei", "problem"])
        for problem in problems:
            writer.writerow([problem.line, problem.file, translate(problem.message)])
    for problem in problems:
        say(_("Line ${line}: ${problem}", mapping={"line": problem.line, "problem": translate(problem.message)}))
    return path


def say(message):
    print(translate(message), flush=True)


def fail(message):
    print(translate(message), file=sys.stderr, flush=True)
    return 2
