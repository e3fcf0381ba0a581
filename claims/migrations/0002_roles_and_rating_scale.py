"""Create the Editors and Reviewers groups and seed the default rating scale."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "article": ("add", "change", "delete", "view"),
    "claim": ("add", "change", "delete", "view"),
    "source": ("add", "change", "delete", "view"),
    "verdict": ("add", "change", "delete", "view"),
    "comment": ("add", "change", "delete", "view"),
    "rating": ("view",),
    "organization": ("view",),
}
REVIEWER_PERMISSIONS = {
    "article": ("view",),
    "claim": ("change", "view"),
    "source": ("add", "change", "delete", "view"),
    "verdict": ("add", "view"),
    "comment": ("add", "view"),
    "rating": ("view",),
}

# (label, value, colour, description); value None is off the numeric scale.
DEFAULT_SCALE = [
    ("False", 1, "#b91c1c", "The claim is inaccurate."),
    ("Misleading", 2, "#c2410c", "Accurate in part, but gives a wrong impression or leaves out what matters."),
    ("Mixed", 3, "#a16207", "Contains both accurate and inaccurate elements."),
    ("Mostly accurate", 4, "#4d7c0f", "Accurate, but needs clarification or extra context."),
    ("Accurate", 5, "#15803d", "The claim is accurate."),
    ("Unverifiable", None, "#6b7280", "There is not enough evidence to say whether the claim is accurate."),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("Editors", EDITOR_PERMISSIONS), ("Reviewers", REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in spec.items() for action in actions]
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


def seed_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for position, (label, value, colour, description) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            slug=label.lower().replace(" ", "-"),
            defaults={
                "label": label,
                "value": value,
                "colour": colour,
                "description": description,
                "position": position,
            },
        )
    Organization = apps.get_model("claims", "Organization")
    Organization.objects.get_or_create(singleton=True)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(seed_scale, migrations.RunPython.noop),
    ]
