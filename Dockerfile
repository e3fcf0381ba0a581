FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# Pango for WeasyPrint's PDF reports, HarfBuzz-Subset for its font subsetting (fontTools is much slower).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
RUN DATABASE_URL=postgresql://build@localhost/build SECRET_KEY=build python manage.py collectstatic --no-input -v 0
RUN useradd --system workbench
USER workbench
EXPOSE 8000
# Threaded workers, one process per core plus one: see gunicorn.conf.py and README "Serving a newsroom".
CMD ["gunicorn", "-c", "gunicorn.conf.py", "workbench.wsgi"]
