from django.core.management.base import BaseCommand, CommandError

from archive.search.consistency import check_index


class Command(BaseCommand):
    help = "Report articles missing from, stale in, or orphaned in the search index; --fix repairs them."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="re-index missing and stale articles, drop orphans")

    def handle(self, *args, fix=False, **options):
        report = check_index(fix=fix)
        self.stdout.write(report.summary())
        for line in report.details():
            self.stdout.write("  " + line)
        if report.problems and not fix:
            raise CommandError("the index is out of step with the database (run with --fix)")
