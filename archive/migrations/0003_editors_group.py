"""The "Editors" group: curators who may edit the archive's records but not manage users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# model name -> actions an editor may take on it
PERMISSIONS = {
    **{model: ("add", "change", "delete", "view") for model in ("article", "author", "authorship", "source", "theme")},
    # Captures are the evidence the records were made from: read, never edited.
    "capture": ("view",),
    # History is the audit trail: editors read it and revert from it, but cannot delete it.
    **{f"historical{model}": ("view", "change") for model in ("article", "author", "source", "theme")},
}


def create_group(apps, schema_editor):
    # Permissions are normally made by post_migrate, after every migration has run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = list(Permission.objects.filter(content_type__app_label="archive", codename__in=codenames))
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"permissions missing for the Editors group: {sorted(missing)}")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_load_themes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]
