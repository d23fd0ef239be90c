@echo off
rem ==========================================================================
rem  Nirapod kiosk launcher for Windows.
rem
rem  Starts the game in kiosk mode, and starts it again 3 seconds after it
rem  stops with an error (a crash). When staff leave kiosk mode with
rem  Ctrl+Shift+Q and the PIN, the game ends with exit code 0; then this
rem  launcher stops too, so that staff can use the PC.
rem
rem  Keep this file in the "deploy" folder of the game: it finds the game in
rem  the folder above its own (the folder the Windows installer or the
rem  portable zip made, or a copy of the game's source with Python installed).
rem
rem  To start the kiosk by itself when Windows signs in:
rem   1. Press Windows+R, type  shell:startup  and press Enter.
rem      The Startup folder opens.
rem   2. In File Explorer, right-click this file and choose "Create shortcut"
rem      (on Windows 11 first choose "Show more options").
rem   3. Move the new shortcut into the Startup folder. Use a shortcut, not a
rem      copy: a copy would look for the game in the wrong folder.
rem   4. Right-click the shortcut, choose Properties, set "Run" to
rem      "Minimized" and press OK, so this black window stays out of sight.
rem
rem  The whole guide is docs\kiosk.md in the game's folder.
rem ==========================================================================

setlocal
cd /d "%~dp0.."
rem The Windows installer and portable zip bring their own Python in the
rem "python" folder beside this "deploy" folder: use it when it is there.
set "PYTHON=python\python.exe"
if exist "python\python.exe" goto run
if not exist "game\__main__.py" goto no_game

rem "python" may be missing, too old, or only the Microsoft Store placeholder
rem that offers to install Python; asking it to run a version check tells
rem these apart. "py -3" is the Python launcher from python.org.
set "PYTHON=python"
python -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 goto run
set "PYTHON=py -3"
py -3 -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 goto run
echo Python 3.10 or newer was not found. Install it from https://www.python.org
echo (tick "Add python.exe to PATH"), then start this file again.
pause
exit /b 1

:run
%PYTHON% -m game --kiosk
set "CODE=%ERRORLEVEL%"
rem 0 means staff left with the PIN: stop here instead of starting again.
if "%CODE%"=="0" goto done
rem 78 means kiosk.ini must be changed first (the PIN): starting again would only repeat that.
if "%CODE%"=="78" goto settings
echo %DATE% %TIME%  Nirapod stopped with exit code %CODE%; starting it again in 3 seconds.
echo The error is written to error.log in the game's data folder, see docs\kiosk.md.
rem timeout refuses to run without a keyboard-attached console; ping then waits instead.
timeout /t 3 /nobreak >nul 2>&1 || ping -n 4 127.0.0.1 >nul
goto run

:settings
echo Nirapod did not start: change kiosk.ini as the message above says, then start this file again.
pause
exit /b 78

:no_game
echo The game was not found in "%CD%".
echo Keep this file in the "deploy" folder inside the game's folder.
pause
exit /b 1

:done
endlocal
exit /b 0
