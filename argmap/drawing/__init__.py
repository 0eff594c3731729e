"""Model -> picture: views of a map, styles and palette, text fitting, DOT writing, the legend,
and the Graphviz executables (system ``dot`` or the embedded renderer) that lay it out."""
