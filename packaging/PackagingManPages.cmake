# Compresses the hand-written man pages in man/ with gzip -9n at build time
# (Debian policy 12.1 wants them compressed, and -n leaves out the time stamp
# so that the packages are reproducible) and installs them to man1.

find_program(DENVR_GZIP gzip REQUIRED)

set(denvr_man_pages
    ${CMAKE_CURRENT_SOURCE_DIR}/man/denvr-signin.1
    ${CMAKE_CURRENT_SOURCE_DIR}/man/denvr-auth.1)

set(denvr_compressed_man_pages)
foreach(page IN LISTS denvr_man_pages)
    get_filename_component(page_name ${page} NAME)
    set(compressed ${CMAKE_CURRENT_BINARY_DIR}/man/${page_name}.gz)

    add_custom_command(
        OUTPUT ${compressed}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
        COMMAND ${DENVR_GZIP} -9 -n -c ${page} > ${compressed}
        DEPENDS ${page}
        COMMENT "Compressing the man page ${page_name}")
    list(APPEND denvr_compressed_man_pages ${compressed})
endforeach()

add_custom_target(denvr-man-pages ALL DEPENDS ${denvr_compressed_man_pages})

install(FILES ${denvr_compressed_man_pages}
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
