from django.core.management.base import BaseCommand

from archive.exporting import write_csv, write_json


class Command(BaseCommand):
    help = "Write every article's metadata to standard output, as JSON (with bodies) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, format="json", **options):
        (write_csv if format == "csv" else write_json)(self.stdout)
