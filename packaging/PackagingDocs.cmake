# Installs the license as /usr/share/doc/denvr-signin/copyright in the
# machine-readable format of Debian policy 12.5, and the changelog that
# Debian policy 12.7 requires of every binary package, both generated from
# files in this folder.

find_program(DENVR_GZIP gzip REQUIRED)

set(denvr_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/denvr-signin)

# The copyright file repeats LICENSE, with each line indented by one space and
# each empty line written as " .", as the format requires.
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE denvr_license_text)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]+)" denvr_copyright_line "${denvr_license_text}")
set(denvr_copyright_holder "${CMAKE_MATCH_1}")
string(REGEX REPLACE "^MIT License\n+" "" denvr_license_body "${denvr_license_text}")
string(REGEX REPLACE "^Copyright[^\n]*\n+" "" denvr_license_body "${denvr_license_body}")
string(STRIP "${denvr_license_body}" denvr_license_body)
string(REGEX REPLACE "\n\n" "\n.\n" denvr_license_body "${denvr_license_body}")
string(REGEX REPLACE "\n" "\n " denvr_license_body "${denvr_license_body}")
set(denvr_copyright_file ${CMAKE_CURRENT_BINARY_DIR}/copyright)
file(WRITE ${denvr_copyright_file}
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: denvr-signin\n"
    "Source: ${PROJECT_HOMEPAGE_URL}\n"
    "\n"
    "Files: *\n"
    "Copyright: ${denvr_copyright_holder}\n"
    "License: Expat\n"
    " ${denvr_license_body}\n")
install(FILES ${denvr_copyright_file} DESTINATION ${denvr_doc_dir})

# The newest entry of debian/changelog must name the version being packaged.
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog denvr_changelog_head LIMIT_COUNT 1)
if(NOT denvr_changelog_head MATCHES "^denvr-signin \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR
        "packaging/debian/changelog starts with \"${denvr_changelog_head}\" but the project version is "
        "${PROJECT_VERSION}. Add an entry for ${PROJECT_VERSION} at the top of the changelog.")
endif()

set(denvr_changelog ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
add_custom_command(
    OUTPUT ${denvr_changelog}
    COMMAND ${DENVR_GZIP} -9 -n -c ${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog > ${denvr_changelog}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog
    COMMENT "Compressing the package changelog")
add_custom_target(denvr-changelog ALL DEPENDS ${denvr_changelog})
install(FILES ${denvr_changelog} DESTINATION ${denvr_doc_dir})
