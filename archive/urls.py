from django.contrib import admin
from django.urls import path, re_path

from archive import views

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("articles/<slug:slug>/cite.<str:style>", views.article_citation, name="article_citation"),
    path("authors/", views.author_list, name="author_list"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("years/", views.year_list, name="year_list"),
    re_path(r"^years/(?P<year>\d{1,4}|unknown)/$", views.year_detail, name="year_detail"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
]

handler404 = "archive.views.not_found"
handler500 = "archive.views.server_error"
