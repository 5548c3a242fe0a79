from django.core.management.base import BaseCommand, CommandError

from archive.ingest.importer import describe, import_paths, load_manifest, preview


class Command(BaseCommand):
    help = "Import captures (files or folders of .txt, .md, .html, .pdf) into the archive and index them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="capture files or folders")
        parser.add_argument("--manifest", help="JSON or CSV from export_metadata, supplying metadata by file name")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
        parser.add_argument("--quiet", action="store_true", help="print the summary only")
        parser.add_argument("--dry-run", action="store_true",
                            help="store nothing: show what each capture would give (fields, how found, review reasons)")

    def handle(self, *args, paths, manifest=None, no_progress=False, quiet=False, dry_run=False, **options):
        if dry_run:
            return self.preview(paths)
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

    def preview(self, paths):
        seen = rejected = 0
        for parsed in preview(paths):
            seen += 1
            rejected += bool(parsed.error)
            self.stdout.write("\n".join(describe(parsed)))
        if not seen:
            raise CommandError("no files found under " + ", ".join(paths))
        self.stdout.write(f"dry run: {seen - rejected} parsed, {rejected} rejected ({seen} files); nothing stored")
