; Inno Setup script for 淘上架 TaoShelf: a per-user install (no administrator rights), in Chinese.
;
; Compiled by build/build.py, which passes the version and the bundle built from installer.spec:
;   ISCC /DAppVersion=0.1.0 /DFileVersion=0.1.0.0 /DBundleDir=dist\TaoShelf /DOutputDir=dist build\taoshelf.iss
; With a code-signing certificate configured, build.py also passes /DSIGN and /Staoshelf=<signtool …>
; so the installer and its uninstaller are signed (TaoShelf.exe is signed before this runs).
;
; Needs Inno Setup 6.6 or newer: its Languages\ChineseSimplified.isl is official since 6.5, and the
; uninstall dialog below uses CreateCustomForm as of 6.6.

#if PREPROCVER < EncodeVer(6, 6, 0)
  #error 需要 Inno Setup 6.6 或更新版本（官方简体中文语言文件、CreateCustomForm 新签名）
#endif
#ifndef AppVersion
  #error 请用 build/build.py 编译：它传入 /DAppVersion、/DFileVersion 和 /DBundleDir
#endif
#ifndef FileVersion
  #define FileVersion "0.0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\TaoShelf"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

#define AppName "淘上架"
#define AppExe "TaoShelf.exe"
; The same names as app.paths: TEMPLATE_FILE, and platformdirs' per-user folder for
; APP_NAME "TaoShelf" on Windows (config, data, Logs and Cache all live in it).
#define TemplateFile "淘上架商品模板.xlsx"
#define UserDataDir "{localappdata}\TaoShelf"

[Setup]
AppId={{3C7B9E52-6A1F-4D8B-9E27-5F0A1C4D8B63}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=TaoShelf
AppCopyright=© TaoShelf
VersionInfoVersion={#FileVersion}
VersionInfoProductName={#AppName} TaoShelf
VersionInfoDescription={#AppName} 安装程序
; Per user: no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs for a per-user install.
PrivilegesRequired=lowest
DefaultDirName={autopf}\TaoShelf
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
SetupIconFile=..\resources\icons\taoshelf.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} TaoShelf
OutputDir={#OutputDir}
OutputBaseFilename=TaoShelf-{#AppVersion}-setup
#ifdef SIGN
SignTool=taoshelf
SignedUninstaller=yes
#endif

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "{#TemplateFile}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Read-only, so Excel offers "Save As" instead of changing the installed template.
Source: "{#BundleDir}\_internal\resources\template\{#TemplateFile}"; DestDir: "{app}\_internal\resources\template"; Attribs: readonly; Flags: ignoreversion overwritereadonly uninsremovereadonly

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "从 Excel 表格批量上架淘宝宝贝"
Name: "{group}\{#AppName} 演示"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "用演示表格和本地模拟店铺体验完整流程"
Name: "{group}\商品表格模板"; Filename: "{app}\_internal\resources\template\{#TemplateFile}"; Comment: "淘上架的 Excel 商品模板"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteUserData: Boolean;

{ The user's shops, settings, upload journal, logs and thumbnails: app.paths' folders. }
function UserDataDir(): String;
begin
  Result := ExpandConstant('{#UserDataDir}');
end;

{ Asks before uninstalling; the box (unticked) deletes the user's data too. False: cancel. }
function AskAboutUserData(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Form := CreateCustomForm(460, 200, False, True);
  try
    Form.Caption := '卸载 {#AppName}';

    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Left := ScaleX(16);
    Note.Top := ScaleY(16);
    Note.Width := Form.ClientWidth - ScaleX(32);
    Note.Height := ScaleY(84);
    Note.Caption := '将从这台电脑卸载 {#AppName}。' + #13#10#13#10 +
      '您的店铺、设置和上架记录默认保留（' + UserDataDir() + '），' +
      '重新安装后可以接着使用，已上架的宝贝也不会被重复上架。';

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := Note.Top + Note.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Height := ScaleY(20);
    Box.Caption := '同时删除我的店铺、设置和上架记录（无法恢复）';
    Box.Checked := False;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := '取消';
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    CancelButton.Width := ScaleX(80);
    CancelButton.Height := ScaleY(26);
    CancelButton.Left := Form.ClientWidth - CancelButton.Width - ScaleX(16);
    CancelButton.Top := Form.ClientHeight - CancelButton.Height - ScaleY(12);

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := '卸载';
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    OkButton.Width := ScaleX(80);
    OkButton.Height := ScaleY(26);
    OkButton.Left := CancelButton.Left - OkButton.Width - ScaleX(8);
    OkButton.Top := CancelButton.Top;

    Form.ActiveControl := OkButton;
    Result := Form.ShowModal() = mrOk;
    DeleteUserData := Result and Box.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  DeleteUserData := False;
  Result := True;
  { A silent uninstall (e.g. from an update script) always keeps the user's data. }
  if (not UninstallSilent()) and DirExists(UserDataDir()) then
    Result := AskAboutUserData();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
    DelTree(UserDataDir(), True, True, True);
end;
