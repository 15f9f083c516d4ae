# One INTERFACE target that every project target links: strict Qt defines and warnings.
add_library(botbat_strict INTERFACE)
target_compile_definitions(botbat_strict INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(botbat_strict INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wformat=2 -Wimplicit-fallthrough)

# The engine must stand alone: fail at configure time if QtGui or QtWidgets enter its link closure.
function(botbat_forbid_gui_dependencies target)
    set(pending ${target})
    set(seen "")
    while(pending)
        list(POP_FRONT pending current)
        if(current IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${current})
        if(current MATCHES "^Qt6?::(Gui|Widgets|OpenGL|OpenGLWidgets|Svg|SvgWidgets|Charts)$")
            message(FATAL_ERROR "${target} links ${current}: the engine must not depend on QtGui or QtWidgets")
        endif()
        if(TARGET ${current})
            get_target_property(aliased ${current} ALIASED_TARGET)
            if(aliased)
                list(APPEND pending ${aliased})
            endif()
            foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
                get_target_property(deps ${current} ${property})
                if(deps)
                    foreach(dep IN LISTS deps)
                        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
                        list(APPEND pending ${dep})
                    endforeach()
                endif()
            endforeach()
        endif()
    endwhile()
endfunction()
