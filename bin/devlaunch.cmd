@echo off
rem Runs devlaunch on Windows. Builds the jar first when it is missing or older than the sources.
setlocal
set "HOME_DIR=%~dp0.."
set "JAR=%HOME_DIR%\target\devlaunch.jar"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"

set "STALE="
if not exist "%JAR%" (
  set "STALE=1"
) else (
  rem PowerShell answers "is any source newer than the jar?" without a helper program.
  for /f %%r in ('powershell -NoProfile -Command "$j=(Get-Item '%JAR%').LastWriteTime; @(Get-ChildItem -Recurse '%HOME_DIR%\src\main','%HOME_DIR%\pom.xml' | Where-Object { $_.LastWriteTime -gt $j }).Count"') do if not "%%r"=="0" set "STALE=1"
)
if defined STALE (
  where mvn >nul 2>nul || (echo devlaunch: the jar is missing or out of date and Maven ^(mvn^) is not installed to build it 1>&2 & exit /b 1)
  echo devlaunch: building %JAR% ^(first run or sources changed^) ... 1>&2
  pushd "%HOME_DIR%"
  call mvn -B -q -DskipTests package || (popd & echo devlaunch: the build failed; run: mvn -B package 1>&2 & exit /b 1)
  popd
)
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dcom.zaxxer.nuprocess.enableShutdownHook=false %DEVLAUNCH_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
