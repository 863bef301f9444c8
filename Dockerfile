# The controller's image: `docker build -t reconciler .` at the repository root.
# Build stage: restore (cached while only sources change), then publish framework-dependent with the apphost, so the
# image runs /app/reconciler directly, and ReadyToRun (precompiled: a third less CPU per CLI run and at start-up,
# docs/container.md), which needs the runtime identifier of the image's platform.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Reconciler.Model/Reconciler.Model.csproj src/Reconciler.Model/
COPY src/Reconciler/Reconciler.csproj src/Reconciler/
RUN dotnet restore src/Reconciler/Reconciler.csproj -r linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)
COPY src/ src/
RUN dotnet publish src/Reconciler/Reconciler.csproj -c Release -o /app --no-restore -p:UseAppHost=true --self-contained false -r linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)

# Runtime stage: ASP.NET Core (the controller serves /healthz, /readyz, /metrics and /status), no SDK, no compilers.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The default watched folder (mount specs there, or run with --source s3://BUCKET/PREFIX instead).
RUN mkdir -p /specs
ENV RECONCILER_LOG_FORMAT=json
# The image's non-root user (app, UID 1654); the published files stay root-owned and read-only to it.
USER $APP_UID
EXPOSE 8080
# The aspnet image has no curl: the binary checks its own /healthz and exits 0 or 1.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["/app/reconciler", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/app/reconciler"]
CMD ["run", "--watch", "/specs", "--listen", "http://0.0.0.0:8080"]
