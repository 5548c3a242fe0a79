from django.core.management.base import BaseCommand, CommandError

from archive.ingest.importer import import_paths, load_manifest


class Command(BaseCommand):
    help = "Import captures (files or folders of .txt, .md, .html, .pdf) into the archive and index them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="capture files or folders")
        parser.add_argument("--manifest", help="JSON or CSV from export_metadata, supplying metadata by file name")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
        parser.add_argument("--quiet", action="store_true", help="print the summary only")

    def handle(self, *args, paths, manifest=None, no_progress=False, quiet=False, **options):
        try:
            entries = load_manifest(manifest) if manifest else None
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read the manifest {manifest}: {exc}")
        report = import_paths(paths, manifest=entries, progress=False if no_progress else None)
        if not report.files:
            raise CommandError("no files found under " + ", ".join(paths))
        if not quiet:
            for line in report.files:
                self.stdout.write(line.line())
        self.stdout.write(report.summary())
        if report.all_failed:
            raise CommandError("every file was rejected")
