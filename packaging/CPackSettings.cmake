# CPack settings. On Linux `cpack` in the build folder writes a .deb, an .rpm
# and a .tar.gz; on Windows an NSIS installer (or WiX with -G WIX); on macOS a
# DragNDrop .dmg. The Windows and macOS settings are not built or tested here.

# NOTE: The address is a placeholder until the project has a published
# maintainer address; packaging/debian/changelog names the same one.
set(DENVR_PACKAGE_MAINTAINER "Denvr Sign-In maintainers <signin@denvrdata.com>"
    CACHE STRING "Maintainer of the packages, as \"Name <email>\"")

set(CPACK_PACKAGE_NAME denvr-signin)
set(CPACK_PACKAGE_VENDOR "Denvr Data")
set(CPACK_PACKAGE_CONTACT "${DENVR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop sign-in for DenvrCloud")
# Line breaks are kept, because the Debian control file limits description
# lines to 80 characters.
set(CPACK_PACKAGE_DESCRIPTION [[
Denvr Sign-In signs a user in to DenvrCloud, including two-factor
verification, and keeps the session alive from the system tray. The
refresh token is kept in the Secret Service keyring.

The package also contains denvr-auth, a command-line companion that
signs in and prints access tokens for scripts.]])
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Denvr Sign-In")
set(CPACK_PACKAGE_EXECUTABLES denvr-signin "Denvr Sign-In")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")

# --- Windows: NSIS, or WiX with `cpack -G WIX` --------------------------------

if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME "Denvr Sign-In")
    set(CPACK_NSIS_PACKAGE_NAME "Denvr Sign-In")
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin/denvr-signin.exe)
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # A fixed upgrade code lets a newer WiX installer replace an older one.
    set(CPACK_WIX_UPGRADE_GUID 6C1D6E7A-4F0B-4E39-9A51-3B0D2C9E8F14)

    # TODO: resources/icons/denvr-signin.ico does not exist yet, so the
    # installers show the generator's default icon until it is added.
    set(denvr_windows_icon ${CMAKE_SOURCE_DIR}/resources/icons/denvr-signin.ico)
    if(EXISTS ${denvr_windows_icon})
        set(CPACK_NSIS_MUI_ICON ${denvr_windows_icon})
        set(CPACK_WIX_PRODUCT_ICON ${denvr_windows_icon})
    endif()

    set_target_properties(denvr-signin PROPERTIES WIN32_EXECUTABLE ON)
endif()

# --- macOS: DragNDrop ---------------------------------------------------------

if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "Denvr Sign-In")
    set_target_properties(denvr-signin PROPERTIES
        MACOSX_BUNDLE ON
        MACOSX_BUNDLE_BUNDLE_NAME "Denvr Sign-In"
        MACOSX_BUNDLE_GUI_IDENTIFIER ${DENVR_APPSTREAM_ID}
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
endif()

# Windows and macOS have no system Qt, so the installers carry Qt's libraries
# and plugins. Qt's deployment script runs windeployqt or macdeployqt on the
# installed program. They copy the plugin folders that the app loads at run
# time: platforms (qwindows, qcocoa), tls (the OpenSSL or Schannel and Secure
# Transport backends), iconengines (qsvgicon, for the SVG tray icons),
# imageformats (qsvg and the bitmap formats) and styles.
if(WIN32 OR APPLE)
    qt_generate_deploy_app_script(
        TARGET denvr-signin
        FILENAME_VARIABLE denvr_deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT ${denvr_deploy_script})
    # TODO: windeployqt copies only Qt's own libraries. On Windows the
    # QtKeychain DLL needs an install rule of its own, for example
    # install(IMPORTED_RUNTIME_ARTIFACTS Qt6Keychain::Qt6Keychain).
endif()

# --- Linux: .deb, .rpm and .tar.gz --------------------------------------------

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB RPM TGZ)
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

    # dpkg-shlibdeps sees only the libraries that the programs link. Qt and
    # QtKeychain load some at run time, which are declared here by hand. The
    # package names are those of Debian 12 with Qt 6.4.2:
    # - The xcb platform plugin (plugins/platforms/libqxcb.so) is in
    #   libqt6gui6, which dpkg-shlibdeps finds because denvr-signin links
    #   QtGui. qt6-qpa-plugins contains only the other platforms, such as VNC.
    # - The OpenSSL TLS backend (plugins/tls/libqopensslbackend.so) is in
    #   libqt6network6, which the programs link. It opens libssl3, which
    #   libqt6network6 depends on and is named here as well.
    # - The SVG icon engine (plugins/iconengines/libqsvgicon.so) and the SVG
    #   image format plugin are in libqt6svg6. The linker drops the link to
    #   QtSvg when no symbol of it is used, so it is named here.
    # - QtKeychain 0.13 opens libsecret-1-0 with dlopen() to reach the Secret
    #   Service. Without it QtKeychain can only use KWallet.
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6 (>= ${Qt6_VERSION}), libssl3, libsecret-1-0")
    # The Secret Service itself is a D-Bus service that the desktop starts:
    # gnome-keyring, KWallet (5.97 and later) or KeePassXC.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager | keepassxc")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-qpa-plugins, qt6-gtk-platformtheme")

    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    set(CPACK_RPM_PACKAGE_LICENSE MIT)
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_PACKAGE_AUTOREQ ON)
    # Fedora names of the run-time plugins described above.
    set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtbase-gui, qt6-qtsvg, libsecret")
    # Directories that other packages own must not be claimed by this one.
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications
        /usr/share/metainfo
        /usr/share/icons
        /usr/share/icons/hicolor
        /usr/share/icons/hicolor/scalable
        /usr/share/icons/hicolor/scalable/apps
        /usr/share/man
        /usr/share/man/man1
        /usr/share/doc)
    foreach(size IN LISTS denvr_icon_sizes)
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            /usr/share/icons/hicolor/${size}x${size}
            /usr/share/icons/hicolor/${size}x${size}/apps)
    endforeach()
endif()

include(CPack)
