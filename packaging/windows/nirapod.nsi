; The Nirapod installer for 64-bit Windows. build.sh makes it with
;   makensis -X"Target amd64-unicode" -INPUTCHARSET UTF8 -DVERSION=... -DAPPDIR=<the portable folder> -DOUTFILE=...
; (without the Target line makensis makes a 32-bit installer, which a 64-bit-only Windows or Wine runs
; as "success" having installed nothing).
;
; By default it installs for the current user only, into %LOCALAPPDATA%\Programs\Nirapod, and needs no
; administrator. Switches:  /S silent,  /D=FOLDER where to install (last, unquoted, as NSIS wants),
;   /AllUsers  (run as administrator) for every user of the PC, into Program Files, with a Windows Firewall
;              rule that lets students' phones reach the game on private networks (docs/phones.md).
; The uninstaller keeps saved games, settings and reports unless its "Also delete" box is ticked, or
; it is run with /RemoveData.
; The installed folder is the portable zip's folder: python\python.exe -m game works in it too.

Unicode true
!ifndef VERSION
  !error "build.sh defines VERSION, APPDIR and OUTFILE"
!endif
!ifndef APPDIR
  !error "build.sh defines VERSION, APPDIR and OUTFILE"
!endif
!ifndef OUTFILE
  !error "build.sh defines VERSION, APPDIR and OUTFILE"
!endif

!define NAME "Nirapod"
!define SHORTCUT "Nirapod - নিরাপদ"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Nirapod"
!define FIREWALL_RULE "Nirapod phones"
; platformdirs' user data folder on Windows (game/storage.py): saves, settings, reports, error.log.
!define DATA_FOLDER "$LOCALAPPDATA\Nirapod"

Name "${SHORTCUT}"
OutFile "${OUTFILE}"
Icon "${APPDIR}\nirapod.ico"
UninstallIcon "${APPDIR}\nirapod.ico"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Nirapod"
; An install over an older version goes where that one is (a /D= on the command line still wins).
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ShowInstDetails show
BrandingText "${NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${NAME}"
VIAddVersionKey /LANG=1033 "FileDescription" "${SHORTCUT} setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT licence"

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include Sections.nsh

Var AllUsers

!define MUI_ICON "${APPDIR}\nirapod.ico"
!define MUI_UNICON "${APPDIR}\nirapod.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\python\pythonw.exe"
!define MUI_FINISHPAGE_RUN_PARAMETERS "-m game"
!define MUI_FINISHPAGE_RUN_TEXT "Start Nirapod now / এখনই নিরাপদ চালু করুন"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!define MUI_COMPONENTSPAGE_TEXT_TOP "Saved games, settings and workshop reports are kept unless you tick the box below. / সংরক্ষিত খেলা, সেটিংস ও রিপোর্ট রেখে দেওয়া হবে, যদি না নিচের ঘরে টিক দেন।"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    UserInfo::GetAccountType
    Pop $R2
    ${If} $R2 != "Admin"
      MessageBox MB_ICONSTOP "/AllUsers installs for every user of this PC and needs an administrator: right-click the installer and choose 'Run as administrator', or leave out /AllUsers to install for yourself only." /SD IDOK
      SetErrorLevel 740  ; ERROR_ELEVATION_REQUIRED
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
    SetShellVarContext all
    ${If} $INSTDIR == "$LOCALAPPDATA\Programs\Nirapod"
      ReadRegStr $R3 HKLM "${UNINSTALL_KEY}" "InstallLocation"
      ${If} $R3 != ""
        StrCpy $INSTDIR $R3
      ${Else}
        StrCpy $INSTDIR "$PROGRAMFILES64\Nirapod"
      ${EndIf}
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "Nirapod"
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An older version's program goes first, so none of its modules linger beside the new ones. Saves,
  ; settings and reports are not in this folder (or, with a `portable` marker, in its data\ folder,
  ; which is not touched).
  RMDir /r "$INSTDIR\python"
  File /r "${APPDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The shortcuts start pythonw.exe directly: no console window, and the folder as working directory.
  CreateShortcut "$SMPROGRAMS\${SHORTCUT}.lnk" "$INSTDIR\python\pythonw.exe" "-m game" "$INSTDIR\nirapod.ico" 0
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\python\pythonw.exe" "-m game" "$INSTDIR\nirapod.ico" 0

  ; SHCTX is HKCU for a per-user install and HKLM after SetShellVarContext all (/AllUsers).
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${SHORTCUT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "Nirapod"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\nirapod.ico"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0

  ${If} $AllUsers == 1
    ; The phone server listens on the room's Wi-Fi; a standard user cannot answer Windows Firewall's
    ; question, so an administrator's install answers it once, for private networks only.
    DetailPrint "Windows Firewall: allowing Nirapod's phone server on private networks"
    nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
    Pop $0
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow protocol=TCP profile=private enable=yes program="$INSTDIR\python\pythonw.exe"'
    Pop $0
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}" dir=in action=allow protocol=TCP profile=private enable=yes program="$INSTDIR\python\python.exe"'
    Pop $1
    ${If} $0 != 0
    ${OrIf} $1 != 0
      DetailPrint "The firewall rule could not be added (netsh: $0 $1): Windows will ask when the phones start."
    ${EndIf}
  ${EndIf}
SectionEnd


Section "un.Nirapod (the program)"
  SectionIn RO
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\deploy"
  RMDir /r "$INSTDIR\docs"
  Delete "$INSTDIR\Nirapod.exe"
  Delete "$INSTDIR\nirapod.ico"
  Delete "$INSTDIR\uninstall.exe"
  ; Only when empty: a portable marker's data\ folder stays unless the box below is ticked.
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  ${If} $AllUsers == 1
    nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"'
    Pop $0
  ${EndIf}
SectionEnd

Section /o "un.Also delete saved games, settings and reports / সংরক্ষিত খেলা, সেটিংস ও রিপোর্টও মুছুন" SecRemoveData
  ; The data of the user who uninstalls (per user, even after an /AllUsers install).
  SetShellVarContext current
  RMDir /r "${DATA_FOLDER}"
  RMDir /r "$DOCUMENTS\Nirapod\print"
  RMDir "$DOCUMENTS\Nirapod"
  Delete "$INSTDIR\portable"
  Delete "$INSTDIR\portable.txt"
  RMDir /r "$INSTDIR\data"
  RMDir "$INSTDIR"
SectionEnd

Function un.onInit
  ; An /AllUsers install is the one whose folder HKLM names.
  ReadRegStr $R0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $R0 == $INSTDIR
    StrCpy $AllUsers 1
    SetShellVarContext all
  ${Else}
    StrCpy $AllUsers 0
  ${EndIf}
  ${GetParameters} $R1
  ClearErrors
  ${GetOptions} $R1 "/RemoveData" $R2
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecRemoveData}
  ${EndIf}
FunctionEnd
