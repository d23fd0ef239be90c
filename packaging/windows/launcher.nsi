; Nirapod.exe: starts the game with python\pythonw.exe from its own folder, so no console window opens.
; Built by build.sh with makensis -X"Target amd64-unicode" -DICON=... -DOUTFILE=... -DVERSION=...
; It is an NSIS program that installs nothing: it only runs the game and passes on its arguments.
Unicode true
Name "Nirapod"
Caption "Nirapod - নিরাপদ"
OutFile "${OUTFILE}"
Icon "${ICON}"
RequestExecutionLevel user
SilentInstall silent
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "Nirapod"
VIAddVersionKey /LANG=1033 "FileDescription" "Nirapod - নিরাপদ"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT licence"

!include FileFunc.nsh

Section
  ${GetParameters} $0
  IfFileExists "$EXEDIR\python\pythonw.exe" run
  ; Windows lets a teacher double-click a program inside a zip without unpacking it: then only this
  ; file is there, without the python folder.
  MessageBox MB_ICONEXCLAMATION "নিরাপদ চালানোর আগে পুরো zip ফাইলটি খুলুন (ডান-ক্লিক → Extract All)।$\r$\n$\r$\nUnpack the whole zip first (right-click, Extract All), then start Nirapod.exe in the unpacked folder.$\r$\n$\r$\n(python\pythonw.exe was not found beside $EXEPATH)"
  SetErrorLevel 2
  Quit
run:
  SetOutPath "$EXEDIR"
  ClearErrors
  Exec '"$EXEDIR\python\pythonw.exe" -m game $0'
  IfErrors 0 +3
    MessageBox MB_ICONEXCLAMATION "নিরাপদ চালু করা গেল না। / Nirapod could not be started:$\r$\n$EXEDIR\python\pythonw.exe"
    SetErrorLevel 1
SectionEnd
