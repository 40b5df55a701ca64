/* filled by the hover-preview work */
