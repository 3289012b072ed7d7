# Renders the app icon, resources/icons/denvr-signin.svg, to the PNG sizes of
# the hicolor theme at build time and installs them with the SVG itself as the
# scalable icon. rsvg-convert (Debian package librsvg2-bin) is preferred
# because it renders the SVG as a browser does; ImageMagick is the fallback.

set(denvr_icon_source ${CMAKE_SOURCE_DIR}/resources/icons/denvr-signin.svg)
set(denvr_icon_sizes 16 22 24 32 48 64 128 256)

find_program(DENVR_RSVG_CONVERT rsvg-convert)
find_program(DENVR_IMAGEMAGICK_CONVERT convert)
if(NOT DENVR_RSVG_CONVERT AND NOT DENVR_IMAGEMAGICK_CONVERT)
    message(FATAL_ERROR
        "Rendering the app icon needs rsvg-convert or ImageMagick's convert, and neither was found. "
        "Install librsvg2-bin (scripts/setup does), or configure with -DDENVR_RSVG_CONVERT=/path/to/rsvg-convert.")
endif()

set(denvr_rendered_icons)
foreach(size IN LISTS denvr_icon_sizes)
    set(icon_dir ${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size})
    set(icon_file ${icon_dir}/${DENVR_DESKTOP_FILE_ID}.png)

    if(DENVR_RSVG_CONVERT)
        set(render_command ${DENVR_RSVG_CONVERT} --width ${size} --height ${size} --keep-aspect-ratio
            --output ${icon_file} ${denvr_icon_source})
    else()
        set(render_command ${DENVR_IMAGEMAGICK_CONVERT} -background none -density 384
            ${denvr_icon_source} -resize ${size}x${size} ${icon_file})
    endif()

    add_custom_command(
        OUTPUT ${icon_file}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${icon_dir}
        COMMAND ${render_command}
        DEPENDS ${denvr_icon_source}
        COMMENT "Rendering the ${size}x${size} app icon"
        VERBATIM)
    list(APPEND denvr_rendered_icons ${icon_file})

    install(FILES ${icon_file}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

add_custom_target(denvr-icons ALL DEPENDS ${denvr_rendered_icons})

install(FILES ${denvr_icon_source}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
