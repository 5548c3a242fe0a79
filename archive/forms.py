"""Forms that validate the query parameters of browse and search pages."""

import re

from django import forms

SORTS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
# Four ASCII digits from 1000, as the index writes a year ("٢٠١٨" or "0999" would match no facet value).
YEAR = re.compile(r"^(unknown|[1-9][0-9]{3})$")


class SlugList(forms.Field):
    """Repeated parameters (?author=a&author=b), each a slug; bad ones are dropped."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else ([value] if value else [])
        return [v for v in dict.fromkeys(str(v).strip()[:100] for v in values) if re.fullmatch(r"[\w-]+", v)][:20]


class YearList(SlugList):
    def to_python(self, value):
        return [v for v in super().to_python(value) if YEAR.match(v)]


class LenientInt(forms.Field):
    """An integer parameter; anything else counts as absent rather than an error."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.min_value, self.max_value = min_value, max_value

    def to_python(self, value):
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        if self.min_value is not None and number < self.min_value:
            return None
        if self.max_value is not None and number > self.max_value:
            return None
        return number


class BrowseForm(forms.Form):
    author = SlugList(required=False)
    theme = SlugList(required=False)
    source = SlugList(required=False)
    year = YearList(required=False)
    start = LenientInt(min_value=1000, max_value=9999, label="From")
    end = LenientInt(min_value=1000, max_value=9999, label="To")
    sort = forms.CharField(required=False)
    page = LenientInt(min_value=1, max_value=100000)

    field_aliases = {"from": "start", "to": "end"}

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for alias, name in self.field_aliases.items():
                if alias in data and name not in data:
                    data.setlist(name, data.getlist(alias))
            for name in ("author", "theme", "source", "year"):
                data.setlist(name, data.getlist(name))
        super().__init__(data, **kwargs)

    def clean_sort(self):
        value = self.cleaned_data.get("sort") or ""
        return value if value in SORTS else ""

    def state(self):
        """The validated filters, with defaults, whatever the input was."""
        if not self.is_bound:
            return {"author": [], "theme": [], "source": [], "year": [], "start": None, "end": None,
                    "sort": "", "page": 1, "q": ""}
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        for name in ("author", "theme", "source", "year"):
            data[name] = data.get(name) or []
        data["page"] = data.get("page") or 1
        data["sort"] = data.get("sort") or ""
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            data["start"], data["end"] = data["end"], data["start"]  # from 2024 to 2019: 2019 to 2024
        data.setdefault("q", "")
        return data


class SearchForm(BrowseForm):
    # Any text is a query: control characters and the like are the query parser's to drop.
    q = forms.Field(required=False)

    def clean_q(self):
        return str(self.cleaned_data.get("q") or "")[:10000]
