; Inno Setup script for Writing Assistant (per-user install, no admin rights).
; packaging/windows/build.ps1 runs PyInstaller first, then:
;   ISCC.exe /DAppVersion=<version> packaging\windows\writing-assistant.iss
; Output: dist\writing-assistant-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Writing Assistant"
#define AppExe "writing-assistant.exe"
#define Root "..\.."

[Setup]
AppId={{8E3A4C9B-5D2F-4B7A-9C61-2F0D7E5A1B34}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Writing Assistant developers
DefaultDirName={autopf}\Writing Assistant
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: installs under %LOCALAPPDATA%\Programs, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=writing-assistant-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\icons\writing-assistant.ico
UninstallDisplayIcon={app}\{#AppExe}
; The torch libraries are large; lzma2 in one solid block gives the smallest setup.
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "assocmd"; Description: "Open Markdown files (.md) with {#AppName}"; GroupDescription: "File associations:"; Flags: unchecked
Name: "assoctxt"; Description: "Open text files (.txt) with {#AppName}"; GroupDescription: "File associations:"; Flags: unchecked

[Files]
Source: "{#Root}\build\pyinstaller\dist\writing-assistant\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; A ProgID for the editor, used by the optional associations (HKCU: per-user).
Root: HKCU; Subkey: "Software\Classes\WritingAssistant.Document"; ValueType: string; ValueData: "Text document"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\WritingAssistant.Document\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\WritingAssistant.Document\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists the app for both extensions even without the associations.
Root: HKCU; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "WritingAssistant.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "WritingAssistant.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.md"; ValueType: string; ValueData: "WritingAssistant.Document"; Flags: uninsdeletevalue; Tasks: assocmd
Root: HKCU; Subkey: "Software\Classes\.txt"; ValueType: string; ValueData: "WritingAssistant.Document"; Flags: uninsdeletevalue; Tasks: assoctxt

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
