#!/usr/bin/env node
/*
 * The Bicep CLI that compiles and lints infra/, restored from NuGet with the .NET SDK into
 * .tools/bicep/ (git-ignored) and pinned to one version. Nothing is downloaded from anywhere but
 * NuGet: the CLI is the package's self-contained binary, with the resource type definitions it
 * checks against built in.
 *
 *   node tools/bicep.mjs restore             restore it if missing and print where it is
 *   node tools/bicep.mjs restore --optional  the same, but only warn where it cannot be had
 *                                            (no .NET SDK, NuGet unreachable): npm test's pretest
 *   node tools/bicep.mjs path                print where it is, or why it is not there (exit 1)
 *
 * test/infra/bicepCompile.test.ts asks `path` for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const BICEP_VERSION = '0.49.2';
const REPO_ROOT = join(import.meta.dirname, '..');
const TOOL_DIR = join(REPO_ROOT, '.tools', 'bicep');
const PACKAGES_DIR = join(TOOL_DIR, 'packages');

/** NuGet publishes the CLI per platform; only linux-x64 (this team's machines and CI) is used. */
const PACKAGE_BY_PLATFORM = { 'linux-x64': 'Azure.Bicep.CommandLine.linux-x64' };

// No telemetry, banner or first-run set-up from the .NET SDK: it may reach only NuGet.
const DOTNET_ENV = {
  ...process.env,
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
};

function packageName() {
  return PACKAGE_BY_PLATFORM[`${process.platform}-${process.arch}`];
}

/** Where the restored package keeps the binary (NuGet lower-cases ids in its folder layout). */
function binaryPath() {
  const name = packageName();
  return name && join(PACKAGES_DIR, name.toLowerCase(), BICEP_VERSION, 'tools', 'bicep');
}

/** The .NET SDK's version, or undefined where there is none. */
function dotnetSdkVersion() {
  const result = spawnSync('dotnet', ['--version'], { encoding: 'utf8', env: DOTNET_ENV });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Why there is no CLI to run, or undefined when there is one. */
function whyMissing() {
  const binary = binaryPath();
  if (!binary) return `no Bicep CLI package on NuGet for ${process.platform}-${process.arch}`;
  if (existsSync(binary)) return undefined;
  return dotnetSdkVersion()
    ? `Bicep CLI ${BICEP_VERSION} is not restored yet: run npm run infra:tools`
    : 'no .NET SDK here (`dotnet --version` does not run), so the Bicep CLI cannot be restored from NuGet';
}

/**
 * Restores the pinned package with a throwaway project: PackageDownload fetches exactly one
 * package, no dependencies, into --packages. The nuget.config beside it names nuget.org as the
 * only source, whatever the machine's own NuGet configuration lists.
 */
function restore(sdkVersion) {
  const name = packageName();
  const projectDir = join(TOOL_DIR, 'restore');
  mkdirSync(projectDir, { recursive: true });
  const targetFramework = `net${sdkVersion.split('.')[0]}.0`;
  writeFileSync(
    join(projectDir, 'BicepCli.csproj'),
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>${targetFramework}</TargetFramework>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="${name}" Version="[${BICEP_VERSION}]" />
  </ItemGroup>
</Project>
`,
  );
  writeFileSync(
    join(projectDir, 'nuget.config'),
    `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
`,
  );
  return spawnSync('dotnet', ['restore', projectDir, '--packages', PACKAGES_DIR], {
    encoding: 'utf8',
    env: DOTNET_ENV,
  });
}

/** The version line the binary prints, to show and to check it is the one pinned. */
function versionOf(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Restores the CLI if needed; returns an error message, or undefined on success. */
function ensureRestored() {
  const binary = binaryPath();
  if (!binary) return whyMissing();
  if (!existsSync(binary)) {
    const sdkVersion = dotnetSdkVersion();
    if (!sdkVersion) return whyMissing();
    console.log(
      `Restoring ${packageName()} ${BICEP_VERSION} from NuGet with .NET SDK ${sdkVersion}…`,
    );
    const result = restore(sdkVersion);
    if (result.status !== 0 || !existsSync(binary)) {
      return `dotnet restore of ${packageName()} ${BICEP_VERSION} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`;
    }
  }
  const version = versionOf(binary);
  if (!version?.includes(`version ${BICEP_VERSION} `)) {
    return `${binary} does not run as Bicep CLI ${BICEP_VERSION} (it printed: ${version ?? 'nothing'})`;
  }
  console.log(`${version}: ${relative(process.cwd(), binary)}`);
  return undefined;
}

/** A notice that stands out among the test output: the templates were not compiled. */
function warnLoudly(reason) {
  const rule = '!'.repeat(78);
  console.warn(`${rule}\n! Bicep compile SKIPPED: ${reason}\n${rule}`);
}

function main(args) {
  const [command, ...options] = args;
  if (command === 'path') {
    const reason = whyMissing();
    if (reason) {
      console.error(reason);
      return 1;
    }
    console.log(binaryPath());
    return 0;
  }
  if (command === 'restore') {
    const error = ensureRestored();
    if (!error) return 0;
    if (options.includes('--optional')) {
      warnLoudly(error);
      return 0;
    }
    console.error(error);
    return 1;
  }
  console.error('usage: node tools/bicep.mjs restore [--optional] | path');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
